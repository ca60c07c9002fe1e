package nl.gezinscoaching.web.families;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.api.views.TrajectoryHistory;
import nl.gezinscoaching.api.views.TrajectoryHistory.Entry;
import org.junit.jupiter.api.Test;

class TrajectoryStateTest {

    private static TrajectoryHistory history(Object... typesAndData) {
        List<Entry> events = new ArrayList<>();
        for (int i = 0; i < typesAndData.length; i++) {
            String type = (String) typesAndData[i];
            @SuppressWarnings("unchecked")
            Map<String, Object> data = i + 1 < typesAndData.length && typesAndData[i + 1] instanceof Map<?, ?> map
                    ? (Map<String, Object>) typesAndData[++i] : Map.of();
            events.add(new Entry(events.size(), type, LocalDate.of(2026, 11, 1), Instant.EPOCH, "anna", data, "1"));
        }
        return new TrajectoryHistory("t-1", null, events);
    }

    @Test
    void aReferralWaitingForACoachOffersNoCoachingOnlyWhatTheStageAllowsBeforeACoach() {
        // safety assessment and closure (the family moved away) are open from the referral on
        assertThat(TrajectoryState.of(history("FamilyReferred")).allowed())
                .containsExactly(FamilyAction.SAFETY_ASSESSMENT, FamilyAction.CLOSURE);
    }

    @Test
    void anAssignedTrajectoryOffersContactsGoalsReferralAndClosureButNoPlanBeforeAGoal() {
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned")).allowed()).containsExactly(
                FamilyAction.HOME_VISIT, FamilyAction.PHONE_CONTACT, FamilyAction.PRACTICAL_SUPPORT,
                FamilyAction.PROBLEM_INVENTORY, FamilyAction.GOAL,
                FamilyAction.AGENCY_REFERRAL, FamilyAction.COORDINATION_MEETING, FamilyAction.SAFETY_ASSESSMENT,
                FamilyAction.CLOSURE);
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned", "GoalSet")).allowed())
                .contains(FamilyAction.FAMILY_PLAN);
    }

    @Test
    void aWarmHandoverIsOfferedForEachAgencyReferralWithoutOne() {
        TrajectoryState open = TrajectoryState.of(history("FamilyReferred", "CoachAssigned",
                "FamilyReferredToAgency", Map.of("agencyReferralId", "r-1", "agency", "GGZ"),
                "FamilyReferredToAgency", Map.of("agencyReferralId", "r-2", "agency", "Schuldhulp"),
                "WarmHandoverDone", Map.of("agencyReferralId", "r-1")));

        assertThat(open.allowed()).contains(FamilyAction.WARM_HANDOVER);
        assertThat(open.openAgencyReferrals()).containsExactly(Map.entry("r-2", "Schuldhulp"));
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned",
                "FamilyReferredToAgency", Map.of("agencyReferralId", "r-1", "agency", "GGZ"),
                "WarmHandoverDone", Map.of("agencyReferralId", "r-1"))).allowed())
                .doesNotContain(FamilyAction.WARM_HANDOVER);
    }

    @Test
    void aGoalEvaluationIsOfferedForEachGoalNotYetEvaluated() {
        TrajectoryState open = TrajectoryState.of(history("FamilyReferred", "CoachAssigned",
                "GoalSet", Map.of("goalId", "g-1", "description", "Schulden op orde"),
                "GoalSet", Map.of("goalId", "g-2", "description", "Werk vinden"),
                "GoalEvaluated", Map.of("goalId", "g-1")));

        assertThat(open.allowed()).contains(FamilyAction.GOAL_EVALUATION);
        assertThat(open.unevaluatedGoals()).containsExactly(Map.entry("g-2", "Werk vinden"));
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned",
                "GoalSet", Map.of("goalId", "g-1", "description", "Schulden op orde"),
                "GoalEvaluated", Map.of("goalId", "g-1"))).allowed())
                .doesNotContain(FamilyAction.GOAL_EVALUATION);
    }

    @Test
    void anExtensionIsOfferedOnlyToASeniorCoachAndOnlyWhileTheTrajectoryRuns() {
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned")).allowed(false))
                .doesNotContain(FamilyAction.EXTENSION);
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned")).allowed(true))
                .contains(FamilyAction.EXTENSION);
        assertThat(TrajectoryState.of(history("FamilyReferred")).allowed(true)).doesNotContain(FamilyAction.EXTENSION);
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned", "TrajectoryClosed")).allowed(true))
                .doesNotContain(FamilyAction.EXTENSION);
    }

    @Test
    void afterTheClosureOnlyAftercareIsOfferedAndAfterItsEndNothing() {
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned", "TrajectoryClosed")).allowed())
                .containsExactly(FamilyAction.AFTERCARE_CALL, FamilyAction.AFTERCARE_END);
        assertThat(TrajectoryState.of(history("FamilyReferred", "CoachAssigned", "TrajectoryClosed",
                "AftercareEnded")).allowed()).isEmpty();
    }

    @Test
    void aTrajectoryClosedFromTheWaitingListHasNoAftercareAndADeclinedOneNothing() {
        assertThat(TrajectoryState.of(history("FamilyReferred", "TrajectoryClosed")).allowed()).isEmpty();
        assertThat(TrajectoryState.of(history("FamilyReferred", "ReferralDeclined")).allowed()).isEmpty();
    }

    @Test
    void aWaitingFamilyOffersASeniorCoachTheSelectionFormOnceAndTheDeclineAndACoachNothing() {
        assertThat(TrajectoryState.of(history("FamilyReferred")).allowed(true)).containsExactly(
                FamilyAction.SCREENING, FamilyAction.DECLINE, FamilyAction.SAFETY_ASSESSMENT, FamilyAction.CLOSURE);
        assertThat(TrajectoryState.of(history("FamilyReferred", "FamilyScreened")).allowed(true))
                .containsExactly(FamilyAction.DECLINE, FamilyAction.SAFETY_ASSESSMENT, FamilyAction.CLOSURE);
        assertThat(TrajectoryState.of(history("FamilyReferred")).allowed(false))
                .doesNotContain(FamilyAction.SCREENING, FamilyAction.DECLINE);
        assertThat(TrajectoryState.of(history("FamilyReferred", "FamilyScreened", "ReferralDeclined")).allowed(true))
                .isEmpty();
    }

    @Test
    void theOverviewListsEveryGoalWithItsLatestAttainmentAndTheAgencyReferralsStillWaiting() {
        TrajectoryState state = TrajectoryState.of(history("FamilyReferred", "CoachAssigned",
                "GoalSet", Map.of("goalId", "g-1", "description", "Huur betaald", "lifeDomain", "FINANCES"),
                "GoalSet", Map.of("goalId", "g-2", "description", "Naar school", "lifeDomain", "PARENTING"),
                "GoalEvaluated", Map.of("goalId", "g-1", "attainment", "PARTLY"),
                "FamilyReferredToAgency", Map.of("agencyReferralId", "r-1", "agency", "GGZ"),
                "FamilyReferredToAgency", Map.of("agencyReferralId", "r-2", "agency", "Schuldhulp"),
                "WarmHandoverDone", Map.of("agencyReferralId", "r-1")));

        assertThat(state.goalList()).extracting(TrajectoryState.Goal::description, TrajectoryState.Goal::attainment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Huur betaald", "PARTLY"),
                        org.assertj.core.groups.Tuple.tuple("Naar school", null));
        assertThat(state.agencyWaits()).extracting(TrajectoryState.AgencyWait::agency).containsExactly("Schuldhulp");
        assertThat(state.agencyWaits().get(0).daysWaiting(LocalDate.of(2026, 11, 13))).isEqualTo(12);
    }
}
