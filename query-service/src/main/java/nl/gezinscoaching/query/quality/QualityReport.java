package nl.gezinscoaching.query.quality;

import java.time.LocalDate;
import java.util.Map;

/**
 * The quality report of a period (both days included).
 *
 * @param referralsReceived              referrals received in the period
 * @param referralsDeclined              referrals declined in the period
 * @param declinesByContraIndication     referrals declined by screening in the period, per contra-indication
 *                                       that held (a referral declined on two counts under both, so the
 *                                       sum may exceed the declines by screening)
 * @param familiesStarted                trajectories whose first coach was assigned in the period
 * @param familiesClosed                 trajectories closed in the period
 * @param closuresByReason               closures in the period per reason
 * @param dropOutShare                   share of the closures that were drop-outs (null without closures)
 * @param homeVisits                     home visits held in the period
 * @param homeVisitsPerClosedFamily      mean number of home visits over the whole trajectory, of the
 *                                       families closed in the period
 * @param goalsSet                       goals set in the period
 * @param goalsEvaluated                 goals evaluated in the period
 * @param goalAttainment                 evaluations in the period per Goal Attainment Scale value
 * @param goalsAchievedShare             share of the evaluations that were fully or partly achieved
 * @param goalAttainmentBySubgoal        the evaluations in the period per Coach je kind subgoal of the evaluated
 *                                       goal, in the subgoals' order, then {@code NOT_LINKED} (goals linked to
 *                                       none, which every goal set before subgoals existed is); a goal linked to
 *                                       two subgoals counts under both
 * @param clientSatisfaction             families' marks (out of 10) given at closures in the period
 * @param referrerSatisfaction           referrers' marks given at closures in the period
 * @param medianDaysReferralToAssignment over the families started in the period
 * @param medianDaysAssignmentToClosure  over the families closed in the period that had a coach
 */
public record QualityReport(LocalDate from, LocalDate to,
                            int referralsReceived, int referralsDeclined,
                            Map<String, Integer> declinesByContraIndication, int familiesStarted, int familiesClosed,
                            Map<String, Integer> closuresByReason, Double dropOutShare,
                            int homeVisits, Double homeVisitsPerClosedFamily,
                            int goalsSet, int goalsEvaluated, Map<String, Integer> goalAttainment,
                            Double goalsAchievedShare,
                            Satisfaction clientSatisfaction, Satisfaction referrerSatisfaction,
                            Double medianDaysReferralToAssignment, Double medianDaysAssignmentToClosure,
                            Map<String, SubgoalAttainment> goalAttainmentBySubgoal) {

    /** The key of goals linked to no subgoal in {@link #goalAttainmentBySubgoal}. */
    public static final String NOT_LINKED = "NOT_LINKED";

    /**
     * @param evaluated     evaluations in the period of goals linked to this subgoal
     * @param attainment    those evaluations per Goal Attainment Scale value
     * @param achievedShare share of them fully or partly achieved (null without evaluations)
     */
    public record SubgoalAttainment(int evaluated, Map<String, Integer> attainment, Double achievedShare) {
    }

    /** @param answered how many closures carried a mark; mean is null when none did */
    public record Satisfaction(int answered, Double mean) {
    }
}
