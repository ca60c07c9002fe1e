package nl.gezinscoaching.query.quality;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import nl.gezinscoaching.api.views.QualityTrajectories.Measure;
import nl.gezinscoaching.api.views.QualityTrajectories.Row;
import nl.gezinscoaching.query.support.ListQueries;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The families behind each figure of the quality report: the same facts and the same period rule (both days
 * included) as {@link QualityReportController}, one row per family. Each query yields the columns of
 * {@link Row}; the family's district and current coach are joined on.
 */
@Component
class QualityLists {

    private static final String FIRST_ASSIGNMENT = """
            SELECT DISTINCT ON (trajectory_id) trajectory_id, assigned_on
            FROM rm_assignment ORDER BY trajectory_id, sequence""";

    /** Per measure: trajectory_id, on_day, n, days, value, client, referrer. */
    private static String facts(Measure measure, boolean withValue) {
        return switch (measure) {
            case RECEIVED -> """
                    SELECT trajectory_id, referred_on AS on_day, NULL::int AS n, NULL::int AS days, NULL AS value,
                           NULL::int AS client, NULL::int AS referrer
                    FROM rm_trajectory WHERE referred_on BETWEEN :from AND :to""";
            case DECLINED -> """
                    SELECT d.trajectory_id, d.declined_on AS on_day, NULL::int AS n, NULL::int AS days,
                           (SELECT string_agg(s.contra_indication, ', ' ORDER BY s.contra_indication)
                            FROM rm_screening_decline s WHERE s.trajectory_id = d.trajectory_id) AS value,
                           NULL::int AS client, NULL::int AS referrer
                    FROM rm_decline d WHERE d.declined_on BETWEEN :from AND :to"""
                    + (withValue ? """

                    AND EXISTS (SELECT 1 FROM rm_screening_decline s
                                WHERE s.trajectory_id = d.trajectory_id AND s.contra_indication = :value)""" : "");
            case STARTED -> """
                    SELECT f.trajectory_id, f.assigned_on AS on_day, NULL::int AS n,
                           f.assigned_on - t.referred_on AS days, NULL AS value, NULL::int AS client,
                           NULL::int AS referrer
                    FROM (%s) f JOIN rm_trajectory t ON t.trajectory_id = f.trajectory_id
                    WHERE f.assigned_on BETWEEN :from AND :to""".formatted(FIRST_ASSIGNMENT);
            case CLOSED -> """
                    SELECT c.trajectory_id, c.closed_on AS on_day, NULL::int AS n,
                           c.closed_on - (SELECT a.assigned_on FROM rm_assignment a
                                          WHERE a.trajectory_id = c.trajectory_id ORDER BY a.sequence LIMIT 1) AS days,
                           c.reason AS value, c.client_satisfaction::int AS client,
                           c.referrer_satisfaction::int AS referrer
                    FROM rm_closure c WHERE c.closed_on BETWEEN :from AND :to"""
                    + (withValue ? "\n  AND c.reason = :value" : "");
            case HOME_VISITS -> """
                    SELECT trajectory_id, max(visited_on) AS on_day, count(*)::int AS n, NULL::int AS days,
                           NULL AS value, NULL::int AS client, NULL::int AS referrer
                    FROM rm_home_visit WHERE visited_on BETWEEN :from AND :to GROUP BY trajectory_id""";
            case GOALS_SET -> """
                    SELECT trajectory_id, max(set_on) AS on_day, count(*)::int AS n, NULL::int AS days,
                           NULL AS value, NULL::int AS client, NULL::int AS referrer
                    FROM rm_goal WHERE set_on BETWEEN :from AND :to GROUP BY trajectory_id""";
            case GOALS_EVALUATED -> """
                    SELECT trajectory_id, max(evaluated_on) AS on_day, count(*)::int AS n, NULL::int AS days,
                           string_agg(DISTINCT attainment, ', ' ORDER BY attainment) AS value,
                           NULL::int AS client, NULL::int AS referrer
                    FROM rm_goal_evaluation WHERE evaluated_on BETWEEN :from AND :to"""
                    + (withValue ? "\n  AND attainment = :value" : "") + "\nGROUP BY trajectory_id";
        };
    }

    private static String list(Measure measure, boolean withValue) {
        return "WITH listed AS (\n" + facts(measure, withValue) + "\n)\n" + """
                SELECT l.*, t.district,
                       (SELECT a.coach_id FROM rm_assignment a WHERE a.trajectory_id = l.trajectory_id
                        ORDER BY a.sequence DESC LIMIT 1) AS coach_id
                FROM listed l JOIN rm_trajectory t ON t.trajectory_id = l.trajectory_id
                ORDER BY l.on_day, l.trajectory_id""";
    }

    private static final RowMapper<Row> ROW = (row, i) -> new Row(row.getString("trajectory_id"),
            row.getString("district"), row.getString("coach_id"), row.getObject("on_day", LocalDate.class),
            (Integer) row.getObject("n"), (Integer) row.getObject("days"), row.getString("value"),
            (Integer) row.getObject("client"), (Integer) row.getObject("referrer"));

    private final ListQueries lists;

    QualityLists(ListQueries lists) {
        this.lists = lists;
    }

    /** @param value empty for every family of the measure */
    Page<Row> page(LocalDate from, LocalDate to, Measure measure, String value, PageRequest page) {
        return lists.page(list(measure, !value.isEmpty()), params(from, to, value), ROW, page);
    }

    void forEach(LocalDate from, LocalDate to, Measure measure, String value, Consumer<Row> action) {
        lists.forEach(list(measure, !value.isEmpty()), params(from, to, value), ROW, action);
    }

    private static Map<String, Object> params(LocalDate from, LocalDate to, String value) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("value", value);
        return params;
    }
}
