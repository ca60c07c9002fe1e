package nl.gezinscoaching.query.waiting;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import nl.gezinscoaching.events.TextBounds;
import nl.gezinscoaching.query.access.ClusterScope;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/waiting-list")
class WaitingListController {

    private final WaitingListQueries queries;
    private final Clock clock;

    WaitingListController(WaitingListQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * One page of each list (the same page number and size for both), each with its own totals; the
     * per-agency figures are over all waiting families.
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    WaitingListView waitingList(@RequestParam(defaultValue = "0") @PositiveOrZero int page,
                                @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE)
                                @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                                @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
                                @RequestParam(required = false) @Size(max = TextBounds.NAME) String district,
                                @RequestParam(required = false) @Size(max = TextBounds.NAME) String agency) {
        LocalDate today = LocalDate.now(clock);
        PageRequest request = new PageRequest(page, size);
        WaitingListQueries.Filter filter = filter(cluster, district, agency);
        return queries.view(today, filter, request);
    }

    /**
     * {@code cluster}: families whose current coach is of it (a senior coach: always their own,
     * {@link ClusterScope}); {@code district}: families waiting for a coach in it; {@code agency}: families
     * waiting for it. Each empty or absent: all.
     */
    private static WaitingListQueries.Filter filter(String cluster, String district, String agency) {
        return new WaitingListQueries.Filter(ClusterScope.of(cluster), orAll(district), orAll(agency));
    }

    private static String orAll(String value) {
        return value == null || value.isBlank() ? "" : value;
    }

    /** One row per waiting family: for a coach (agency empty) or for an agency. */
    record WaitingRow(String waitingFor, String trajectoryId, String district, String agency, LocalDate referredOn,
                      long daysWaiting) {
    }

    /** The whole list, families waiting for a coach first, streamed. */
    @GetMapping(produces = Csv.MEDIA_TYPE)
    void waitingListCsv(@RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
                        @RequestParam(required = false) @Size(max = TextBounds.NAME) String district,
                        @RequestParam(required = false) @Size(max = TextBounds.NAME) String agency,
                        HttpServletResponse response) throws IOException {
        LocalDate today = LocalDate.now(clock);
        WaitingListQueries.Filter filter = filter(cluster, district, agency);
        Csv.stream(response, "waiting-list-" + today, WaitingRow.class, sink -> {
            queries.forEachAwaitingCoach(today, filter, w -> sink.accept(new WaitingRow("COACH", w.trajectoryId(),
                    w.district(), null, w.referredOn(), w.daysWaiting())));
            queries.forEachAwaitingAgency(today, filter, w -> sink.accept(new WaitingRow("AGENCY", w.trajectoryId(), null,
                    w.agency(), w.referredOn(), w.daysWaiting())));
        });
    }
}
