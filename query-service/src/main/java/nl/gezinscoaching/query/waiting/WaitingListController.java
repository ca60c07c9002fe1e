package nl.gezinscoaching.query.waiting;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.waiting.WaitingListView.AgencyWait;
import nl.gezinscoaching.query.waiting.WaitingListView.AwaitingAgency;
import nl.gezinscoaching.query.waiting.WaitingListView.AwaitingCoach;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/waiting-list")
class WaitingListController {

    private final JdbcClient jdbc;
    private final Clock clock;

    WaitingListController(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    WaitingListView waitingList() {
        LocalDate today = LocalDate.now(clock);
        List<AwaitingCoach> awaitingCoach = jdbc.sql("""
                SELECT t.trajectory_id, t.district, t.referred_on
                FROM rm_trajectory t
                WHERE NOT EXISTS (SELECT 1 FROM rm_assignment a WHERE a.trajectory_id = t.trajectory_id)
                  AND NOT EXISTS (SELECT 1 FROM rm_decline d WHERE d.trajectory_id = t.trajectory_id)
                  AND NOT EXISTS (SELECT 1 FROM rm_closure c WHERE c.trajectory_id = t.trajectory_id)
                ORDER BY t.referred_on, t.trajectory_id""")
                .query((row, i) -> {
                    LocalDate referredOn = row.getObject("referred_on", LocalDate.class);
                    return new AwaitingCoach(row.getString("trajectory_id"), row.getString("district"), referredOn,
                            DAYS.between(referredOn, today));
                })
                .list();

        List<AwaitingAgency> awaitingAgency = jdbc.sql("""
                SELECT r.trajectory_id, r.agency_referral_id, r.agency, r.referred_on
                FROM rm_agency_referral r
                WHERE NOT EXISTS (SELECT 1 FROM rm_warm_handover h WHERE h.agency_referral_id = r.agency_referral_id)
                  AND NOT EXISTS (SELECT 1 FROM rm_closure c WHERE c.trajectory_id = r.trajectory_id)
                ORDER BY r.referred_on, r.agency_referral_id""")
                .query((row, i) -> {
                    LocalDate referredOn = row.getObject("referred_on", LocalDate.class);
                    return new AwaitingAgency(row.getString("trajectory_id"), row.getString("agency_referral_id"),
                            row.getString("agency"), referredOn, DAYS.between(referredOn, today));
                })
                .list();

        Map<String, List<Long>> waits = new TreeMap<>();
        awaitingAgency.forEach(a -> waits.computeIfAbsent(a.agency(), k -> new ArrayList<>()).add(a.daysWaiting()));
        Map<String, List<Long>> handovers = new TreeMap<>();
        jdbc.sql("""
                SELECT r.agency, h.handed_over_on - r.referred_on AS days
                FROM rm_agency_referral r JOIN rm_warm_handover h ON h.agency_referral_id = r.agency_referral_id""")
                .query((row, i) -> Map.entry(row.getString("agency"), row.getLong("days")))
                .list()
                .forEach(e -> handovers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));

        List<AgencyWait> perAgency = Stream.concat(waits.keySet().stream(), handovers.keySet().stream())
                .distinct().sorted()
                .map(agency -> new AgencyWait(agency,
                        waits.getOrDefault(agency, List.of()).size(), median(waits.get(agency)),
                        handovers.getOrDefault(agency, List.of()).size(), median(handovers.get(agency))))
                .toList();
        return new WaitingListView(today, awaitingCoach, awaitingAgency, perAgency);
    }

    /** One row per waiting family: for a coach (agency empty) or for an agency. */
    record WaitingRow(String waitingFor, String trajectoryId, String district, String agency, LocalDate referredOn,
                      long daysWaiting) {
    }

    @GetMapping(produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> waitingListCsv() {
        WaitingListView view = waitingList();
        List<WaitingRow> rows = new ArrayList<>();
        view.awaitingCoach().forEach(w -> rows.add(new WaitingRow("COACH", w.trajectoryId(), w.district(), null,
                w.referredOn(), w.daysWaiting())));
        view.awaitingAgency().forEach(w -> rows.add(new WaitingRow("AGENCY", w.trajectoryId(), null, w.agency(),
                w.referredOn(), w.daysWaiting())));
        return Csv.of("waiting-list-" + view.asOf(), WaitingRow.class, rows);
    }

    static Double median(List<Long> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
