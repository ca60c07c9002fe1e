package nl.gezinscoaching.query.overruns;

import static java.time.temporal.ChronoUnit.DAYS;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import nl.gezinscoaching.query.overruns.OverrunsView.Overrun;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.CoachingNorms;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/overruns")
class OverrunsController {

    private final JdbcClient jdbc;
    private final CoachingNorms norms;
    private final Clock clock;

    OverrunsController(JdbcClient jdbc, CoachingNorms norms, Clock clock) {
        this.jdbc = jdbc;
        this.norms = norms;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    OverrunsView overruns() {
        LocalDate today = LocalDate.now(clock);
        List<Overrun> overruns = jdbc.sql("""
                WITH first_assignment AS (
                    SELECT DISTINCT ON (trajectory_id) trajectory_id, assigned_on
                    FROM rm_assignment ORDER BY trajectory_id, sequence
                ), current_coach AS (
                    SELECT DISTINCT ON (trajectory_id) trajectory_id, coach_id
                    FROM rm_assignment ORDER BY trajectory_id, sequence DESC
                ), extension AS (
                    SELECT trajectory_id, sum(months) AS months FROM rm_extension GROUP BY trajectory_id
                ), waiting AS (
                    SELECT r.trajectory_id, array_agg(DISTINCT r.agency ORDER BY r.agency) AS agencies
                    FROM rm_agency_referral r
                    WHERE NOT EXISTS (SELECT 1 FROM rm_warm_handover h WHERE h.agency_referral_id = r.agency_referral_id)
                    GROUP BY r.trajectory_id
                )
                SELECT f.trajectory_id, cc.coach_id, f.assigned_on, coalesce(e.months, 0) AS extension_months, w.agencies
                FROM first_assignment f
                JOIN current_coach cc ON cc.trajectory_id = f.trajectory_id
                LEFT JOIN extension e ON e.trajectory_id = f.trajectory_id
                LEFT JOIN waiting w ON w.trajectory_id = f.trajectory_id
                WHERE NOT EXISTS (SELECT 1 FROM rm_closure c WHERE c.trajectory_id = f.trajectory_id)""")
                .query((row, i) -> {
                    LocalDate assignedOn = row.getObject("assigned_on", LocalDate.class);
                    int extensionMonths = row.getInt("extension_months");
                    LocalDate plannedEnd = assignedOn.plusMonths((long) norms.normMonths() + extensionMonths);
                    List<String> agencies = strings(row.getArray("agencies"));
                    return new Overrun(row.getString("trajectory_id"), row.getString("coach_id"), assignedOn,
                            extensionMonths, plannedEnd, DAYS.between(plannedEnd, today), !agencies.isEmpty(), agencies);
                })
                .list()
                .stream()
                .filter(overrun -> overrun.daysOver() > 0)
                .sorted(Comparator.comparingLong(Overrun::daysOver).reversed().thenComparing(Overrun::trajectoryId))
                .toList();
        return new OverrunsView(today, norms.normMonths(), overruns);
    }

    /** One row per overrunning trajectory; the agencies it waits for are joined with "; ". */
    record OverrunRow(String trajectoryId, String coachId, LocalDate assignedOn, int extensionMonths,
                      LocalDate plannedEndOn, long daysOver, boolean waitingOnAgency, String waitingOnAgencies) {
    }

    @GetMapping(produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> overrunsCsv() {
        OverrunsView view = overruns();
        return Csv.of("overruns-" + view.asOf(), OverrunRow.class, view.trajectories().stream()
                .map(o -> new OverrunRow(o.trajectoryId(), o.coachId(), o.assignedOn(), o.extensionMonths(),
                        o.plannedEndOn(), o.daysOver(), o.waitingOnAgency(), String.join("; ", o.waitingOnAgencies())))
                .toList());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
