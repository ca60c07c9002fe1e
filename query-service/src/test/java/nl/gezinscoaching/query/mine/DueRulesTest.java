package nl.gezinscoaching.query.mine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.gezinscoaching.api.views.MyFamiliesView.Due;
import nl.gezinscoaching.api.views.MyFamiliesView.DueKind;
import nl.gezinscoaching.api.views.MyFamiliesView.FamilyItem;
import nl.gezinscoaching.api.views.MyFamiliesView.Stage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What is due for a family on a day, and which family a coach sees first. */
class DueRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final int NORM_MONTHS = 6;

    /** Assigned {@code daysAgo} days ago, last contact {@code contactDaysAgo} days ago (null: never), plan agreed. */
    private static TrajectoryFacts coaching(int daysAgo, Integer contactDaysAgo, boolean plan) {
        LocalDate assigned = TODAY.minusDays(daysAgo);
        return new TrajectoryFacts("t", "Escamp", "anna", "Noord", assigned, 0, null,
                contactDaysAgo == null ? null : TODAY.minusDays(contactDaysAgo), plan ? assigned.plusWeeks(3) : null,
                null, null, List.of());
    }

    private static List<DueKind> kinds(TrajectoryFacts facts) {
        return DueRules.due(facts, facts.assignedOn().plusMonths(NORM_MONTHS + facts.extensionMonths()), TODAY)
                .stream().map(Due::kind).toList();
    }

    @Nested
    class Contact {

        @Test
        void fourteenDaysWithoutContactIsNotYetDue() {
            assertThat(kinds(coaching(30, 14, true))).doesNotContain(DueKind.NO_CONTACT);
        }

        @Test
        void fifteenDaysWithoutContactIsDue() {
            assertThat(DueRules.due(coaching(30, 15, true), TODAY.plusMonths(5), TODAY))
                    .containsExactly(new Due(DueKind.NO_CONTACT, TODAY, 15, List.of()));
        }

        @Test
        void withoutAnyContactTheDaysCountFromTheAssignment() {
            assertThat(kinds(coaching(15, null, true))).containsExactly(DueKind.NO_CONTACT);
            assertThat(kinds(coaching(14, null, true))).isEmpty();
        }
    }

    @Nested
    class FamilyPlan {

        @Test
        void noPlanSixWeeksAfterTheAssignmentIsNotYetDue() {
            assertThat(kinds(coaching(42, 1, false))).isEmpty();
        }

        @Test
        void noPlanOneDayLaterIsDue() {
            assertThat(kinds(coaching(43, 1, false))).containsExactly(DueKind.NO_FAMILY_PLAN);
        }

        @Test
        void anAgreedPlanIsNeverDue() {
            assertThat(kinds(coaching(120, 1, true))).isEmpty();
        }
    }

    @Nested
    class PlannedEnd {

        @Test
        void thePlannedEndWithinThirtyDaysIsDueWithTheDaysLeft() {
            LocalDate plannedEnd = TODAY.plusDays(30);
            TrajectoryFacts facts = coaching(150, 1, true);

            assertThat(DueRules.due(facts, plannedEnd, TODAY))
                    .containsExactly(new Due(DueKind.PLANNED_END_SOON, TODAY, 30, List.of()));
            assertThat(DueRules.due(facts, plannedEnd.plusDays(1), TODAY)).isEmpty();
        }

        @Test
        void onThePlannedEndItIsNotYetAnOverrun() {
            assertThat(DueRules.due(coaching(150, 1, true), TODAY, TODAY)).extracting(Due::kind)
                    .containsExactly(DueKind.PLANNED_END_SOON);
        }

        @Test
        void pastThePlannedEndItIsAnOverrunWithTheDaysOver() {
            assertThat(DueRules.due(coaching(200, 1, true), TODAY.minusDays(9), TODAY))
                    .containsExactly(new Due(DueKind.OVERRUN, TODAY.minusDays(9), 9, List.of()));
        }

        @Test
        void anExtensionMovesThePlannedEnd() {
            TrajectoryFacts extended = new TrajectoryFacts("t", "Escamp", "anna", "Noord", TODAY.minusMonths(7), 3,
                    null, TODAY, TODAY.minusMonths(6), null, null, List.of());

            assertThat(kinds(extended)).isEmpty();
        }
    }

    @Test
    void aFamilyWaitingAtAnAgencyIsDueWithTheAgenciesAndTheDaysWaiting() {
        TrajectoryFacts waiting = new TrajectoryFacts("t", "Escamp", "anna", "Noord", TODAY.minusDays(60), 0, null,
                TODAY.minusDays(2), TODAY.minusDays(30), null, TODAY.minusDays(21), List.of("GGZ", "Schuldhulp"));

        assertThat(DueRules.due(waiting, TODAY.plusMonths(4), TODAY))
                .containsExactly(new Due(DueKind.WAITING_AT_AGENCY, TODAY.minusDays(21), 21, List.of("GGZ", "Schuldhulp")));
    }

    @Nested
    class Aftercare {

        private TrajectoryFacts closed(int closedDaysAgo, Integer lastCallDaysAgo) {
            return new TrajectoryFacts("t", "Escamp", "anna", "Noord", TODAY.minusMonths(8), 0,
                    TODAY.minusDays(closedDaysAgo), TODAY.minusDays(closedDaysAgo), TODAY.minusMonths(7),
                    lastCallDaysAgo == null ? null : TODAY.minusDays(lastCallDaysAgo), TODAY.minusDays(100), List.of("GGZ"));
        }

        @Test
        void aCallIsDueTwentyEightDaysAfterTheClosure() {
            assertThat(kinds(closed(27, null))).isEmpty();
            assertThat(DueRules.due(closed(28, null), TODAY.minusMonths(2), TODAY))
                    .containsExactly(new Due(DueKind.AFTERCARE_CALL, TODAY, 28, List.of()));
        }

        @Test
        void theNextCallIsDueTwentyEightDaysAfterTheLastOne() {
            assertThat(kinds(closed(50, 27))).isEmpty();
            assertThat(kinds(closed(50, 28))).containsExactly(DueKind.AFTERCARE_CALL);
        }

        @Test
        void afterTheClosureOnlyAftercareIsDueNotTheCoachingRules() {
            assertThat(kinds(closed(40, null))).containsExactly(DueKind.AFTERCARE_CALL);
        }
    }

    @Test
    void severalDueItemsComeMostUrgentFirst() {
        TrajectoryFacts everything = new TrajectoryFacts("t", "Escamp", "anna", "Noord", TODAY.minusMonths(7), 0, null,
                null, null, null, TODAY.minusDays(10), List.of("GGZ"));

        assertThat(kinds(everything)).containsExactly(DueKind.OVERRUN, DueKind.NO_CONTACT, DueKind.NO_FAMILY_PLAN,
                DueKind.WAITING_AT_AGENCY);
    }

    @Test
    void familiesWithTheMostUrgentItemComeFirstThenTheLongestDueThenThoseWithNothingDue() {
        FamilyItem calm = item("calm", TODAY.plusMonths(3));
        FamilyItem waitingAtAgency = item("agency", TODAY.plusMonths(3),
                new Due(DueKind.WAITING_AT_AGENCY, TODAY.minusDays(40), 40, List.of("GGZ")));
        FamilyItem noContactLong = item("no-contact-long", TODAY.plusMonths(2),
                new Due(DueKind.NO_CONTACT, TODAY.minusDays(10), 24, List.of()));
        FamilyItem noContactShort = item("no-contact-short", TODAY.plusMonths(2),
                new Due(DueKind.NO_CONTACT, TODAY.minusDays(1), 15, List.of()));
        FamilyItem overrun = item("overrun", TODAY.minusDays(3), new Due(DueKind.OVERRUN, TODAY.minusDays(3), 3, List.of()));
        FamilyItem calmEarlierEnd = item("calm-earlier", TODAY.plusMonths(1));

        List<FamilyItem> families = new ArrayList<>(List.of(calm, waitingAtAgency, noContactShort, calmEarlierEnd,
                noContactLong, overrun));
        families.sort(DueRules.MOST_URGENT_FIRST);

        assertThat(families).extracting(FamilyItem::trajectoryId).containsExactly("overrun", "no-contact-long",
                "no-contact-short", "agency", "calm-earlier", "calm");
    }

    private static FamilyItem item(String id, LocalDate plannedEnd, Due... due) {
        return new FamilyItem(id, "Familie " + id, "Escamp", "anna", Stage.COACHING, TODAY.minusMonths(4), plannedEnd,
                null, List.of(due));
    }
}
