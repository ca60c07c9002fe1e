package nl.gezinscoaching.query.caseload;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.gezinscoaching.query.caseload.CaseloadView.ClusterLoad;
import nl.gezinscoaching.query.caseload.CaseloadView.CoachLoad;
import nl.gezinscoaching.query.caseload.CaseloadView.DistrictLoad;
import nl.gezinscoaching.query.caseload.CaseloadView.Filter;
import nl.gezinscoaching.query.caseload.CaseloadView.TrendPoint;
import nl.gezinscoaching.query.support.CoachingNorms;
import nl.gezinscoaching.query.support.ListQueries;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageRequest;
import nl.gezinscoaching.query.support.ViewCache;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes the caseload on a day (or on each of several days, for the trend) from the management facts, by
 * business dates. "Active on a day" is defined once, in {@link #active}: the coach's period has begun and
 * not ended, and the trajectory is not closed yet.
 */
@Component
class CaseloadQueries {

    private final JdbcClient jdbc;
    private final ListQueries lists;
    private final CoachingNorms norms;
    private final ViewCache cache;

    CaseloadQueries(JdbcClient jdbc, ListQueries lists, CoachingNorms norms, ViewCache cache) {
        this.jdbc = jdbc;
        this.lists = lists;
        this.norms = norms;
        this.cache = cache;
    }

    /**
     * The days {@code :asOf} minus 0 .. {@code :months - 1} calendar months, and per day the trajectories
     * with a coach then (of the filter's cluster and district only).
     */
    private static String active(Filter filter) {
        return """
                WITH days AS (
                    SELECT (CAST(:asOf AS date) - make_interval(months => n))::date AS day
                    FROM generate_series(0, CAST(:months AS int) - 1) AS n
                ), active AS (
                    -- a period ends at the trajectory's next assignment or its closure (rm_assignment.until_on,
                    -- kept by the database: V175); index rm_assignment_until
                    SELECT d.day, a.trajectory_id, a.coach_id, a.assigned_on AS from_on
                    FROM days d
                    JOIN rm_assignment a ON a.until_on > d.day AND a.assigned_on <= d.day
                    WHERE TRUE
                """
                + (filter.cluster().isEmpty() ? ""
                        : "      AND a.coach_id IN (SELECT coach_id FROM rm_coach WHERE cluster = :cluster)\n")
                + (filter.district().isEmpty() ? ""
                        : "      AND EXISTS (SELECT 1 FROM rm_trajectory t WHERE t.trajectory_id = a.trajectory_id"
                        + " AND t.district = :district)\n")
                + ")\n";
    }

    private static Map<String, Object> params(LocalDate asOf, int months, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", asOf);
        params.put("months", months);
        params.put("cluster", filter.cluster());
        params.put("district", filter.district());
        return params;
    }

    /** One row per day and coach: the coach's active trajectories that day (coaches registered by then, or busy). */
    private record CoachDay(LocalDate day, String coachId, String name, String cluster, BigDecimal fte, int active) {
    }

    private List<CoachDay> coachDays(LocalDate asOf, int months, Filter filter) {
        return jdbc.sql(active(filter) + """
                SELECT d.day, co.coach_id, co.name, co.cluster, co.fte, count(a.trajectory_id) AS active
                FROM days d
                CROSS JOIN rm_coach co
                LEFT JOIN active a ON a.day = d.day AND a.coach_id = co.coach_id
                """ + (filter.cluster().isEmpty() ? "" : "WHERE co.cluster = :cluster\n") + """
                GROUP BY d.day, co.coach_id, co.name, co.cluster, co.fte, co.registered_on
                HAVING co.registered_on <= d.day OR count(a.trajectory_id) > 0
                ORDER BY d.day, co.cluster, co.name, co.coach_id""")
                .params(params(asOf, months, filter))
                .query((row, i) -> new CoachDay(row.getObject("day", LocalDate.class), row.getString("coach_id"),
                        row.getString("name"), row.getString("cluster"), row.getBigDecimal("fte").stripTrailingZeros(),
                        row.getInt("active")))
                .list();
    }

    CaseloadView caseload(LocalDate asOf, Filter filter) {
        return cache.get("caseload", ViewCache.MANAGEMENT_FACTS, List.of(asOf, filter), () -> computeCaseload(asOf, filter));
    }

    private CaseloadView computeCaseload(LocalDate asOf, Filter filter) {
        List<CoachLoad> coaches = coachDays(asOf, 1, filter).stream().map(c -> {
            BigDecimal capacity = capacity(c.fte());
            return new CoachLoad(c.coachId(), c.name(), c.cluster(), c.fte(), c.active(), capacity,
                    overCapacity(c.active(), capacity));
        }).toList();

        Map<String, List<CoachLoad>> byCluster = new LinkedHashMap<>();
        coaches.forEach(coach -> byCluster.computeIfAbsent(coach.cluster(), c -> new ArrayList<>()).add(coach));
        List<ClusterLoad> clusters = byCluster.entrySet().stream().map(entry -> {
            BigDecimal fte = entry.getValue().stream().map(CoachLoad::fte).reduce(BigDecimal.ZERO, BigDecimal::add);
            int active = entry.getValue().stream().mapToInt(CoachLoad::activeTrajectories).sum();
            BigDecimal capacity = capacity(fte);
            return new ClusterLoad(entry.getKey(), entry.getValue().size(), fte, active, capacity,
                    overCapacity(active, capacity));
        }).toList();

        List<DistrictLoad> districts = jdbc.sql(active(filter) + """
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
                """ + (filter.district().isEmpty() ? "" : "  AND t.district = :district\n") + """
                GROUP BY t.district
                ORDER BY t.district""")
                .params(params(asOf, 1, filter))
                .query((row, i) -> new DistrictLoad(row.getString("district"), row.getInt("active"), row.getInt("waiting")))
                .list();

        return new CaseloadView(asOf, norms.normPerFte(), coaches, clusters, districts, filter);
    }

    /**
     * The caseload on {@code asOf} and on the same day of each of the {@code months - 1} months before it,
     * oldest first: active trajectories, capacity and coaches over capacity, as {@link #caseload} counts them.
     */
    List<TrendPoint> trend(LocalDate asOf, int months, Filter filter) {
        return cache.get("caseload-trend", ViewCache.MANAGEMENT_FACTS, List.of(asOf, months, filter),
                () -> computeTrend(asOf, months, filter));
    }

    private List<TrendPoint> computeTrend(LocalDate asOf, int months, Filter filter) {
        Map<LocalDate, List<CoachDay>> byDay = new java.util.TreeMap<>();
        for (int i = 0; i < months; i++) {
            byDay.put(asOf.minusMonths(i), new ArrayList<>());
        }
        coachDays(asOf, months, filter).forEach(c -> byDay.computeIfAbsent(c.day(), d -> new ArrayList<>()).add(c));
        return byDay.entrySet().stream().map(entry -> {
            BigDecimal fte = entry.getValue().stream().map(CoachDay::fte).reduce(BigDecimal.ZERO, BigDecimal::add);
            int active = entry.getValue().stream().mapToInt(CoachDay::active).sum();
            int over = (int) entry.getValue().stream().filter(c -> overCapacity(c.active(), capacity(c.fte()))).count();
            return new TrendPoint(entry.getKey(), entry.getValue().size(), active, capacity(fte), over);
        }).toList();
    }

    /** The trajectories behind a number of the caseload: active on {@code asOf}, of a coach or the filter. */
    private static String trajectories(Filter filter, String coachId) {
        return active(filter) + """
                SELECT a.trajectory_id, a.coach_id, co.cluster, t.district, t.referred_on, a.from_on
                FROM active a
                JOIN rm_trajectory t ON t.trajectory_id = a.trajectory_id
                LEFT JOIN rm_coach co ON co.coach_id = a.coach_id
                """ + (coachId.isEmpty() ? "" : "WHERE a.coach_id = :coachId\n") + """
                ORDER BY a.from_on, a.trajectory_id""";
    }

    Page<CaseloadView.ActiveTrajectory> trajectories(LocalDate asOf, Filter filter, String coachId, PageRequest page) {
        Map<String, Object> params = params(asOf, 1, filter);
        params.put("coachId", coachId);
        return cache.get("caseload-trajectories", ViewCache.MANAGEMENT_FACTS, List.of(asOf, filter, coachId, page),
                () -> lists.page(trajectories(filter, coachId), params, ACTIVE_TRAJECTORY, page));
    }

    void forEachTrajectory(LocalDate asOf, Filter filter, String coachId,
                           Consumer<CaseloadView.ActiveTrajectory> action) {
        Map<String, Object> params = params(asOf, 1, filter);
        params.put("coachId", coachId);
        lists.forEach(trajectories(filter, coachId), params, ACTIVE_TRAJECTORY, action);
    }

    private static final RowMapper<CaseloadView.ActiveTrajectory> ACTIVE_TRAJECTORY = (row, i) ->
            new CaseloadView.ActiveTrajectory(row.getString("trajectory_id"), row.getString("coach_id"),
                    row.getString("cluster"), row.getString("district"), row.getObject("referred_on", LocalDate.class),
                    row.getObject("from_on", LocalDate.class));

    private BigDecimal capacity(BigDecimal fte) {
        return norms.normPerFte().multiply(fte).setScale(1, RoundingMode.HALF_UP);
    }

    private static boolean overCapacity(int active, BigDecimal capacity) {
        return BigDecimal.valueOf(active).compareTo(capacity) > 0;
    }
}
