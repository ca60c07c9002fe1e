package nl.gezinscoaching.query.mine;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.gezinscoaching.api.views.MyFamiliesView.Due;
import nl.gezinscoaching.api.views.MyFamiliesView.DueKind;
import nl.gezinscoaching.api.views.MyFamiliesView.FamilyItem;

/** When something is due for a family, and which family comes first. */
final class DueRules {

    static final int NO_CONTACT_DAYS = 14;
    static final int FAMILY_PLAN_WEEKS = 6;
    static final int PLANNED_END_NOTICE_DAYS = 30;
    static final int AFTERCARE_CALL_DAYS = 28;

    /**
     * Families with something due first; among them by their most urgent kind, then by how long it has been
     * due; families with nothing due last, by planned end.
     */
    static final Comparator<FamilyItem> MOST_URGENT_FIRST = Comparator
            .comparing((FamilyItem f) -> f.due().isEmpty())
            .thenComparing(f -> f.due().isEmpty() ? 0 : f.due().get(0).kind().ordinal())
            .thenComparing(f -> f.due().isEmpty() ? LocalDate.MAX : f.due().get(0).dueSince())
            .thenComparing(FamilyItem::plannedEndOn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(FamilyItem::trajectoryId);

    private DueRules() {
    }

    /** What a trajectory's facts say is due on {@code today}, most urgent first. */
    static List<Due> due(TrajectoryFacts facts, LocalDate plannedEnd, LocalDate today) {
        List<Due> due = new ArrayList<>();
        if (facts.closedOn() != null) {
            LocalDate lastAftercareContact = latest(facts.closedOn(), facts.lastAftercareCallOn());
            LocalDate callDue = lastAftercareContact.plusDays(AFTERCARE_CALL_DAYS);
            if (!today.isBefore(callDue)) {
                due.add(new Due(DueKind.AFTERCARE_CALL, callDue, DAYS.between(lastAftercareContact, today), List.of()));
            }
            return due;
        }
        if (today.isAfter(plannedEnd)) {
            due.add(new Due(DueKind.OVERRUN, plannedEnd, DAYS.between(plannedEnd, today), List.of()));
        } else if (!today.isBefore(plannedEnd.minusDays(PLANNED_END_NOTICE_DAYS))) {
            due.add(new Due(DueKind.PLANNED_END_SOON, plannedEnd.minusDays(PLANNED_END_NOTICE_DAYS),
                    DAYS.between(today, plannedEnd), List.of()));
        }
        LocalDate lastContact = facts.lastContactOn() != null ? facts.lastContactOn() : facts.assignedOn();
        if (DAYS.between(lastContact, today) > NO_CONTACT_DAYS) {
            due.add(new Due(DueKind.NO_CONTACT, lastContact.plusDays(NO_CONTACT_DAYS + 1),
                    DAYS.between(lastContact, today), List.of()));
        }
        LocalDate planDue = facts.assignedOn().plusWeeks(FAMILY_PLAN_WEEKS);
        if (facts.familyPlanOn() == null && today.isAfter(planDue)) {
            due.add(new Due(DueKind.NO_FAMILY_PLAN, planDue, DAYS.between(facts.assignedOn(), today), List.of()));
        }
        if (facts.agencyWaitingSince() != null) {
            due.add(new Due(DueKind.WAITING_AT_AGENCY, facts.agencyWaitingSince(),
                    DAYS.between(facts.agencyWaitingSince(), today), facts.agencies()));
        }
        due.sort(Comparator.comparing(Due::kind));
        return due;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
