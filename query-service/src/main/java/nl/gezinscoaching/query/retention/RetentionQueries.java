package nl.gezinscoaching.query.retention;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;
import nl.gezinscoaching.query.retention.RetentionController.Due;
import nl.gezinscoaching.query.support.ListQueries;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Closed trajectories whose retention period has passed on a day; the longest overdue first. */
@Component
class RetentionQueries {

    private static final String DUE = """
            SELECT trajectory_id, closed_on FROM rm_closure
            WHERE closed_on <= :lastClosedOn ORDER BY closed_on, trajectory_id""";

    private final ListQueries lists;

    RetentionQueries(ListQueries lists) {
        this.lists = lists;
    }

    Page<Due> due(LocalDate day, int retentionYears, PageRequest page) {
        return lists.page(DUE, params(day, retentionYears), row(day, retentionYears), page);
    }

    void forEachDue(LocalDate day, int retentionYears, Consumer<Due> action) {
        lists.forEach(DUE, params(day, retentionYears), row(day, retentionYears), action);
    }

    private static Map<String, Object> params(LocalDate day, int retentionYears) {
        return Map.of("lastClosedOn", day.minusYears(retentionYears));
    }

    private static RowMapper<Due> row(LocalDate day, int retentionYears) {
        return (row, i) -> {
            LocalDate closedOn = row.getObject("closed_on", LocalDate.class);
            LocalDate endsOn = closedOn.plusYears(retentionYears);
            return new Due(row.getString("trajectory_id"), closedOn, endsOn, DAYS.between(endsOn, day));
        };
    }
}
