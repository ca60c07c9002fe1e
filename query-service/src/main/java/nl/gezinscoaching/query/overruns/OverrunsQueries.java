package nl.gezinscoaching.query.overruns;

import static java.time.temporal.ChronoUnit.DAYS;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.gezinscoaching.query.overruns.OverrunsView.Overrun;
import nl.gezinscoaching.query.support.ListQueries;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageRequest;
import nl.gezinscoaching.query.support.ViewCache;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Open trajectories past their planned end: the first assignment plus the norm plus every granted
 * extension, in calendar months (PostgreSQL's {@code date + interval 'n months'} keeps the day of the
 * month, or takes the month's last day, as {@code LocalDate.plusMonths} does). The longest overdue first.
 */
@Component
class OverrunsQueries {

    private static final String PLANNED = """
            WITH open_now AS (
                -- the current period of every open trajectory: the one without an end (rm_assignment.until_on, V175)
                SELECT trajectory_id, coach_id FROM rm_assignment WHERE until_on = 'infinity'
            ), planned AS (
                SELECT o.trajectory_id, o.coach_id, f.assigned_on, coalesce(e.months, 0) AS extension_months,
                       (f.assigned_on + make_interval(months => :normMonths + coalesce(e.months, 0)::int))::date
                           AS planned_end,
                       w.agencies
                FROM open_now o
                CROSS JOIN LATERAL (SELECT a.assigned_on FROM rm_assignment a WHERE a.trajectory_id = o.trajectory_id
                                    ORDER BY a.sequence LIMIT 1) f
                LEFT JOIN LATERAL (SELECT sum(x.months) AS months FROM rm_extension x
                                   WHERE x.trajectory_id = o.trajectory_id) e ON TRUE
                LEFT JOIN LATERAL (SELECT array_agg(DISTINCT r.agency ORDER BY r.agency) AS agencies
                                   FROM rm_agency_referral r
                                   WHERE r.trajectory_id = o.trajectory_id
                                     AND NOT EXISTS (SELECT 1 FROM rm_warm_handover h
                                                     WHERE h.agency_referral_id = r.agency_referral_id)) w ON TRUE
            )
            SELECT * FROM planned WHERE planned_end < :today
            """;

    /** The overrun list, of one coach's trajectories, of the coaches of one cluster and/or of a district when asked. */
    private static String overruns(String coachId, String cluster, String district) {
        return PLANNED
                + (coachId.isEmpty() ? "" : "  AND coach_id = :coachId\n")
                + (cluster.isEmpty() ? "" : "  AND coach_id IN (SELECT coach_id FROM rm_coach WHERE cluster = :cluster)\n")
                + (district.isEmpty() ? "" : "  AND trajectory_id IN (SELECT trajectory_id FROM rm_trajectory"
                        + " WHERE district = :district)\n")
                + "ORDER BY planned_end, trajectory_id";
    }

    private final ListQueries lists;
    private final ViewCache cache;

    OverrunsQueries(ListQueries lists, ViewCache cache) {
        this.lists = lists;
        this.cache = cache;
    }

    /** @param coachId empty for every coach; @param cluster empty for every cluster; @param district empty for all */
    Page<Overrun> overruns(LocalDate today, int normMonths, String coachId, String cluster, String district,
                           PageRequest page) {
        return cache.get("overruns", ViewCache.MANAGEMENT_FACTS,
                List.of(today, normMonths, coachId, cluster, district, page),
                () -> lists.page(overruns(coachId, cluster, district),
                        params(today, normMonths, coachId, cluster, district), row(today), page));
    }

    void forEachOverrun(LocalDate today, int normMonths, String coachId, String cluster, String district,
                        Consumer<Overrun> action) {
        lists.forEach(overruns(coachId, cluster, district), params(today, normMonths, coachId, cluster, district),
                row(today), action);
    }

    private static Map<String, Object> params(LocalDate today, int normMonths, String coachId, String cluster,
                                              String district) {
        return Map.of("today", today, "normMonths", normMonths, "coachId", coachId, "cluster", cluster,
                "district", district);
    }

    private static RowMapper<Overrun> row(LocalDate today) {
        return (row, i) -> {
            LocalDate plannedEnd = row.getObject("planned_end", LocalDate.class);
            List<String> agencies = strings(row.getArray("agencies"));
            return new Overrun(row.getString("trajectory_id"), row.getString("coach_id"),
                    row.getObject("assigned_on", LocalDate.class), row.getInt("extension_months"), plannedEnd,
                    DAYS.between(plannedEnd, today), !agencies.isEmpty(), agencies);
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
