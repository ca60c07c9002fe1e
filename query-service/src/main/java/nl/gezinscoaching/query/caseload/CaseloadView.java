package nl.gezinscoaching.query.caseload;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The caseload on one day: per coach, per cluster and per district. */
public record CaseloadView(LocalDate asOf, BigDecimal normPerFte, List<CoachLoad> coaches, List<ClusterLoad> clusters,
                           List<DistrictLoad> districts) {

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
}
