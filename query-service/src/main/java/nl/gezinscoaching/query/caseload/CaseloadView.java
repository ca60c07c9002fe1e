package nl.gezinscoaching.query.caseload;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.query.support.PageInfo;

/**
 * The caseload on one day: per coach, per cluster and per district.
 *
 * @param filter the cluster and district the figures are limited to (empty: all)
 */
public record CaseloadView(LocalDate asOf, BigDecimal normPerFte, List<CoachLoad> coaches, List<ClusterLoad> clusters,
                           List<DistrictLoad> districts, Filter filter) {

    /** @param capacity the norm times the coach's FTE */
    public record CoachLoad(String coachId, String name, String cluster, BigDecimal fte, int activeTrajectories,
                            BigDecimal capacity, boolean overCapacity) {
    }

    public record ClusterLoad(String cluster, int coaches, BigDecimal fte, int activeTrajectories, BigDecimal capacity,
                              boolean overCapacity) {
    }

    /** @param waitingForCoach referrals of the district not yet assigned on that day */
    public record DistrictLoad(String district, int activeTrajectories, int waitingForCoach) {
    }

    /**
     * @param cluster  only the coaches of this cluster (and their trajectories); empty for all
     * @param district only the trajectories of this district; empty for all
     */
    public record Filter(String cluster, String district) {

        public Filter {
            cluster = cluster == null ? "" : cluster;
            district = district == null ? "" : district;
        }
    }

    /** The caseload on one day of the trend, as the caseload of that day counts it. */
    public record TrendPoint(LocalDate asOf, int coaches, int activeTrajectories, BigDecimal capacity,
                             int coachesOverCapacity) {
    }

    public record Trend(LocalDate asOf, int months, Filter filter, List<TrendPoint> points) {
    }

    /** @param withCoachSince the start of the current coach's period */
    public record ActiveTrajectory(String trajectoryId, String coachId, String cluster, String district,
                                   LocalDate referredOn, LocalDate withCoachSince) {
    }

    /** @param page where {@code trajectories} lies in the whole list, and its total */
    public record Trajectories(LocalDate asOf, Filter filter, String coachId, PageInfo page,
                               List<ActiveTrajectory> trajectories) {
    }
}
