package nl.gezinscoaching.query.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.platform.web.Problems;
import nl.gezinscoaching.query.access.FamilyAccess;
import nl.gezinscoaching.query.history.TrajectoryHistory.Entry;
import nl.gezinscoaching.query.support.Csv;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
class HistoryController {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final FamilyAccess access;

    HistoryController(JdbcClient jdbc, JsonMapper json, FamilyAccess access) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
    }

    @GetMapping(path = "/api/trajectories/{trajectoryId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    TrajectoryHistory history(@PathVariable String trajectoryId) {
        access.requireMayRead(trajectoryId);
        List<Entry> events = jdbc.sql("""
                SELECT sequence, type, occurred_on, recorded_at, recorded_by, data::text AS data
                FROM rm_history WHERE trajectory_id = ? ORDER BY sequence""")
                .param(trajectoryId)
                .query((row, i) -> new Entry(row.getLong("sequence"), row.getString("type"),
                        row.getObject("occurred_on", LocalDate.class),
                        row.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant(),
                        row.getString("recorded_by"), json.readTree(row.getString("data"))))
                .list();
        if (events.isEmpty()) {
            throw new UnknownTrajectoryException();
        }
        return new TrajectoryHistory(trajectoryId, events);
    }

    /** One row per event; the event's data as JSON text. */
    record HistoryRow(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String recordedBy,
                      String data) {
    }

    @GetMapping(path = "/api/trajectories/{trajectoryId}/history", produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> historyCsv(@PathVariable String trajectoryId) {
        TrajectoryHistory history = history(trajectoryId);
        return Csv.of("history-" + trajectoryId, HistoryRow.class, history.events().stream()
                .map(e -> new HistoryRow(e.sequence(), e.type(), e.occurredOn(), e.recordedAt(), e.recordedBy(),
                        e.data().toString()))
                .toList());
    }

    static class UnknownTrajectoryException extends RuntimeException {
        UnknownTrajectoryException() {
            super("No trajectory with this id", null, false, false);
        }
    }

    @ExceptionHandler(UnknownTrajectoryException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownTrajectoryException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.NOT_FOUND, "unknown-trajectory", "Not found",
                        "No trajectory with this id exists (or its events are not projected yet)"));
    }
}
