package nl.gezinscoaching.query.caseload;

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
import nl.gezinscoaching.query.caseload.CaseloadView.ActiveTrajectory;
import nl.gezinscoaching.query.caseload.CaseloadView.CoachLoad;
import nl.gezinscoaching.query.caseload.CaseloadView.Filter;
import nl.gezinscoaching.query.caseload.CaseloadView.TrendPoint;
import nl.gezinscoaching.query.support.AsOf;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageRequest;
import nl.gezinscoaching.query.support.SupportedDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caseload, its trend and the trajectories behind its numbers. {@code cluster} and {@code district}
 * narrow every answer; a senior coach always gets their own cluster ({@link ClusterScope}).
 */
@RestController
@RequestMapping("/api/caseload")
class CaseloadController {

    private final CaseloadQueries queries;
    private final Clock clock;

    CaseloadController(CaseloadQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** @param asOf the day to compute the caseload for (default today): trend lines ask for past days */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    CaseloadView caseload(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                          @SupportedDate LocalDate asOf,
                          @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
                          @RequestParam(required = false) @Size(max = TextBounds.NAME) String district) {
        return queries.caseload(AsOf.orToday(asOf, clock), filter(cluster, district));
    }

    @GetMapping(produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> caseloadCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       @SupportedDate LocalDate asOf,
                                       @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
                                       @RequestParam(required = false) @Size(max = TextBounds.NAME) String district) {
        CaseloadView view = caseload(asOf, cluster, district);
        return Csv.of("caseload-" + view.asOf(), CoachLoad.class, view.coaches());
    }

    /** The caseload on {@code asOf} and on the same day of each of the months before it, oldest first. */
    @GetMapping(path = "/trend", produces = MediaType.APPLICATION_JSON_VALUE)
    CaseloadView.Trend trend(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                             @SupportedDate LocalDate asOf,
                             @RequestParam(defaultValue = "12") @Min(1) @Max(36) int months,
                             @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
                             @RequestParam(required = false) @Size(max = TextBounds.NAME) String district) {
        LocalDate day = AsOf.orToday(asOf, clock);
        Filter filter = filter(cluster, district);
        return new CaseloadView.Trend(day, months, filter, queries.trend(day, months, filter));
    }

    @GetMapping(path = "/trend", produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> trendCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    @SupportedDate LocalDate asOf,
                                    @RequestParam(defaultValue = "12") @Min(1) @Max(36) int months,
                                    @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
                                    @RequestParam(required = false) @Size(max = TextBounds.NAME) String district) {
        CaseloadView.Trend trend = trend(asOf, months, cluster, district);
        return Csv.of("caseload-trend-" + trend.asOf(), TrendPoint.class, trend.points());
    }

    /** The trajectories active on {@code asOf}: of one coach ({@code coachId}), or of the cluster/district. */
    @GetMapping(path = "/trajectories", produces = MediaType.APPLICATION_JSON_VALUE)
    CaseloadView.Trajectories trajectories(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SupportedDate LocalDate asOf,
            @RequestParam(required = false) @Size(max = TextBounds.IDENTIFIER) String coachId,
            @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
            @RequestParam(required = false) @Size(max = TextBounds.NAME) String district,
            @RequestParam(defaultValue = "0") @PositiveOrZero int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        LocalDate day = AsOf.orToday(asOf, clock);
        Filter filter = filter(cluster, district);
        String coach = coachId == null ? "" : coachId;
        Page<ActiveTrajectory> found = queries.trajectories(day, filter, coach, new PageRequest(page, size));
        return new CaseloadView.Trajectories(day, filter, coach, found.info(), found.items());
    }

    /** The whole list, streamed. */
    @GetMapping(path = "/trajectories", produces = Csv.MEDIA_TYPE)
    void trajectoriesCsv(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SupportedDate LocalDate asOf,
            @RequestParam(required = false) @Size(max = TextBounds.IDENTIFIER) String coachId,
            @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
            @RequestParam(required = false) @Size(max = TextBounds.NAME) String district,
            HttpServletResponse response) throws IOException {
        LocalDate day = AsOf.orToday(asOf, clock);
        Filter filter = filter(cluster, district);
        Csv.stream(response, "caseload-trajectories-" + day, ActiveTrajectory.class,
                sink -> queries.forEachTrajectory(day, filter, coachId == null ? "" : coachId, sink));
    }

    private static Filter filter(String cluster, String district) {
        return new Filter(ClusterScope.of(cluster), district == null || district.isBlank() ? "" : district);
    }
}
