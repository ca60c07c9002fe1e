package nl.gezinscoaching.query.mine;

import java.time.LocalDate;
import java.util.List;

/**
 * What the read models know of one open trajectory, for its due items.
 *
 * @param coachId             the current coach
 * @param cluster             the current coach's cluster
 * @param assignedOn          the first assignment
 * @param closedOn            the closure, when the family is in aftercare
 * @param agencyWaitingSince  the oldest open agency referral, if any
 * @param agencies            the agencies of the open agency referrals
 */
record TrajectoryFacts(String trajectoryId, String district, String coachId, String cluster, LocalDate assignedOn,
                       int extensionMonths, LocalDate closedOn, LocalDate lastContactOn, LocalDate familyPlanOn,
                       LocalDate lastAftercareCallOn, LocalDate agencyWaitingSince, List<String> agencies) {
}
