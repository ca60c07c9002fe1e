package nl.gezinscoaching.query.caseload;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.query.caseload.CaseloadView.ClusterLoad;
import nl.gezinscoaching.query.caseload.CaseloadView.CoachLoad;
import nl.gezinscoaching.query.caseload.CaseloadView.DistrictLoad;
import nl.gezinscoaching.query.support.CoachingNorms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Computes the caseload on a day from the management facts, by business dates. */
@Component
class CaseloadQueries {

    /** Trajectories with a coach on :asOf: the coach's period has begun, not ended, and no closure yet. */
    private static final String ACTIVE = """
            WITH periods AS (
                SELECT a.trajectory_id, a.coach_id, a.assigned_on AS from_on,
                       LEAD(a.assigned_on) OVER (PARTITION BY a.trajectory_id ORDER BY a.sequence) AS until_on
                FROM rm_assignment a
            ), active AS (
                SELECT p.trajectory_id, p.coach_id
                FROM periods p
                LEFT JOIN rm_closure c ON c.trajectory_id = p.trajectory_id
                WHERE p.from_on <= :asOf AND (p.until_on IS NULL OR p.until_on > :asOf)
                  AND (c.closed_on IS NULL OR c.closed_on > :asOf)
            )
            """;

    private final JdbcClient jdbc;
    private final CoachingNorms norms;

    CaseloadQueries(JdbcClient jdbc, CoachingNorms norms) {
        this.jdbc = jdbc;
        this.norms = norms;
    }

    CaseloadView caseload(LocalDate asOf) {
        List<CoachLoad> coaches = jdbc.sql(ACTIVE + """
                SELECT co.coach_id, co.name, co.cluster, co.fte, count(a.trajectory_id) AS active
                FROM rm_coach co
                LEFT JOIN active a ON a.coach_id = co.coach_id
                GROUP BY co.coach_id, co.name, co.cluster, co.fte, co.registered_on
                HAVING co.registered_on <= :asOf OR count(a.trajectory_id) > 0
                ORDER BY co.cluster, co.name, co.coach_id""")
                .param("asOf", asOf)
                .query((row, i) -> {
                    BigDecimal fte = row.getBigDecimal("fte").stripTrailingZeros();
                    int active = row.getInt("active");
                    BigDecimal capacity = capacity(fte);
                    return new CoachLoad(row.getString("coach_id"), row.getString("name"), row.getString("cluster"),
                            fte, active, capacity, overCapacity(active, capacity));
                })
                .list();

        Map<String, List<CoachLoad>> byCluster = new LinkedHashMap<>();
        coaches.forEach(coach -> byCluster.computeIfAbsent(coach.cluster(), c -> new ArrayList<>()).add(coach));
        List<ClusterLoad> clusters = byCluster.entrySet().stream().map(entry -> {
            BigDecimal fte = entry.getValue().stream().map(CoachLoad::fte).reduce(BigDecimal.ZERO, BigDecimal::add);
            int active = entry.getValue().stream().mapToInt(CoachLoad::activeTrajectories).sum();
            BigDecimal capacity = capacity(fte);
            return new ClusterLoad(entry.getKey(), entry.getValue().size(), fte, active, capacity,
                    overCapacity(active, capacity));
        }).toList();

        List<DistrictLoad> districts = jdbc.sql(ACTIVE + """
                , assigned_by_then AS (
                    SELECT DISTINCT trajectory_id FROM rm_assignment WHERE assigned_on <= :asOf
                )
                SELECT t.district,
                       count(a.trajectory_id) AS active,
                       count(*) FILTER (WHERE a.trajectory_id IS NULL
                                          AND t.trajectory_id NOT IN (SELECT trajectory_id FROM assigned_by_then)
                                          AND NOT EXISTS (SELECT 1 FROM rm_decline d
                                                          WHERE d.trajectory_id = t.trajectory_id AND d.declined_on <= :asOf)
                                          AND NOT EXISTS (SELECT 1 FROM rm_closure c
                                                          WHERE c.trajectory_id = t.trajectory_id AND c.closed_on <= :asOf))
                           AS waiting
                FROM rm_trajectory t
                LEFT JOIN active a ON a.trajectory_id = t.trajectory_id
                WHERE t.referred_on <= :asOf
                GROUP BY t.district
                ORDER BY t.district""")
                .param("asOf", asOf)
                .query((row, i) -> new DistrictLoad(row.getString("district"), row.getInt("active"), row.getInt("waiting")))
                .list();

        return new CaseloadView(asOf, norms.normPerFte(), coaches, clusters, districts);
    }

    private BigDecimal capacity(BigDecimal fte) {
        return norms.normPerFte().multiply(fte).setScale(1, RoundingMode.HALF_UP);
    }

    private static boolean overCapacity(int active, BigDecimal capacity) {
        return BigDecimal.valueOf(active).compareTo(capacity) > 0;
    }
}
