package nl.gezinscoaching.api.views;

import java.time.LocalDate;
import java.util.List;

/**
 * A coach's families with what is due next, most urgent first.
 *
 * @param own     the open trajectories of the signed-in coach (coaching or aftercare)
 * @param cluster a senior coach's: the open trajectories of the other coaches of their cluster
 * @param waiting a senior coach's: referrals waiting for a coach, longest waiting first
 */
public record MyFamiliesView(LocalDate asOf, List<FamilyItem> own, List<FamilyItem> cluster,
                             List<WaitingFamily> waiting) {

    public enum Stage {
        /** A coach is assigned and coaching is under way. */
        COACHING,
        /** Closed; aftercare calls follow until aftercare is ended. */
        AFTERCARE
    }

    /** What can be due for a family, most urgent first. */
    public enum DueKind {
        /** Past the planned end (norm plus extensions): extend or close. */
        OVERRUN,
        /** No contact with the family for more than 14 days. */
        NO_CONTACT,
        /** In aftercare, and 28 days or more since the closure or the last aftercare call. */
        AFTERCARE_CALL,
        /** No family plan 6 weeks after the assignment. */
        NO_FAMILY_PLAN,
        /** The planned end is within 30 days. */
        PLANNED_END_SOON,
        /** The family waits for a follow-up agency (referred, no warm handover yet). */
        WAITING_AT_AGENCY
    }

    /**
     * @param dueSince the day it became due (for the planned end: 30 days before it)
     * @param days     days over the planned end, since the last contact, since the assignment (family plan),
     *                 left until the planned end, since the last aftercare contact, or waiting at the agency
     * @param agencies the agencies the family waits for ({@link DueKind#WAITING_AT_AGENCY} only)
     */
    public record Due(DueKind kind, LocalDate dueSince, long days, List<String> agencies) {
    }

    /**
     * @param familyName    the family's name from its referral, to recognise it by ({@code null} once erased)
     * @param assignedOn    the first assignment: coaching started then
     * @param plannedEndOn  assignedOn plus the norm plus granted extensions
     * @param lastContactOn the last home visit, phone contact, practical support, coordination meeting or warm
     *                      handover, if any
     * @param due           what is due, most urgent first; empty when nothing is
     */
    public record FamilyItem(String trajectoryId, String familyName, String district, String coachId, Stage stage,
                             LocalDate assignedOn, LocalDate plannedEndOn, LocalDate lastContactOn, List<Due> due) {
    }

    public record WaitingFamily(String trajectoryId, String familyName, String district, LocalDate referredOn,
                                long daysWaiting) {
    }
}
