package nl.gezinscoaching.api.views;

import java.time.LocalDate;
import java.util.List;

/**
 * The trajectories behind one figure of the quality report of a period: the families it counts, one row each.
 *
 * @param measure which figure
 * @param value   the figure's value asked for (a closure reason, a Goal Attainment Scale value, a
 *                contra-indication), or empty for all of the measure
 */
public record QualityTrajectories(LocalDate from, LocalDate to, Measure measure, String value, PageInfo page,
                                  List<Row> trajectories) {

    /** The figures of the quality report that count families or what happened to them. */
    public enum Measure {
        /** Referrals received in the period. */
        RECEIVED,
        /** Referrals declined in the period; {@code value}: a contra-indication of a screening's decline. */
        DECLINED,
        /** Families whose first coach was assigned in the period; {@code days}: from referral to assignment. */
        STARTED,
        /**
         * Families closed in the period; {@code value}: a closure reason; {@code days}: from the first
         * assignment to the closure; both satisfaction marks.
         */
        CLOSED,
        /** Families with home visits in the period; {@code count}: their visits in the period. */
        HOME_VISITS,
        /** Families with goals set in the period; {@code count}: those goals. */
        GOALS_SET,
        /** Families with goals evaluated in the period; {@code value}: an attainment; {@code count}: evaluations. */
        GOALS_EVALUATED
    }

    /**
     * @param coachId the family's current coach (none before assignment)
     * @param on      the day that put the family in the list (referral, decline, assignment, closure; the last
     *                visit, goal or evaluation in the period)
     * @param count   how many visits, goals or evaluations (null for the other measures)
     * @param days    see {@link Measure} (null when it does not apply)
     * @param value   the closure reason, or the attainments and contra-indications joined with ", "
     */
    public record Row(String trajectoryId, String district, String coachId, LocalDate on, Integer count, Integer days,
                      String value, Integer clientSatisfaction, Integer referrerSatisfaction) {
    }

    /** @param number from 0 */
    public record PageInfo(int number, int size, long totalItems, long totalPages) {
    }
}
