package nl.gezinscoaching.query.retention;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.query.support.AsOf;
import nl.gezinscoaching.query.support.CoachingNorms;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.SupportedDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trajectories whose retention period after closure has passed: due for erasure. */
@RestController
@RequestMapping("/api/retention")
class RetentionController {

    private final JdbcClient jdbc;
    private final CoachingNorms norms;
    private final Clock clock;

    RetentionController(JdbcClient jdbc, CoachingNorms norms, Clock clock) {
        this.jdbc = jdbc;
        this.norms = norms;
        this.clock = clock;
    }

    record Due(String trajectoryId, LocalDate closedOn, LocalDate retentionEndsOn, long daysOverdue) {
    }

    record RetentionView(LocalDate asOf, int retentionYears, List<Due> due) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    RetentionView retention(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                            @SupportedDate LocalDate asOf) {
        LocalDate day = AsOf.orToday(asOf, clock);
        int years = norms.retentionYears();
        List<Due> due = jdbc.sql("""
                SELECT trajectory_id, closed_on FROM rm_closure
                WHERE closed_on <= :lastClosedOn ORDER BY closed_on, trajectory_id""")
                .param("lastClosedOn", day.minusYears(years))
                .query((row, i) -> {
                    LocalDate closedOn = row.getObject("closed_on", LocalDate.class);
                    LocalDate endsOn = closedOn.plusYears(years);
                    return new Due(row.getString("trajectory_id"), closedOn, endsOn, DAYS.between(endsOn, day));
                })
                .list();
        return new RetentionView(day, years, due);
    }

    @GetMapping(produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> retentionCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                        @SupportedDate LocalDate asOf) {
        RetentionView view = retention(asOf);
        return Csv.of("retention-" + view.asOf(), Due.class, view.due());
    }
}
