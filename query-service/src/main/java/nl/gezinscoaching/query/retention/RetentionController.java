package nl.gezinscoaching.query.retention;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.query.support.AsOf;
import nl.gezinscoaching.query.support.CoachingNorms;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageInfo;
import nl.gezinscoaching.query.support.PageRequest;
import nl.gezinscoaching.query.support.SupportedDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trajectories whose retention period after closure has passed: due for erasure. */
@RestController
@RequestMapping("/api/retention")
class RetentionController {

    private final RetentionQueries queries;
    private final CoachingNorms norms;
    private final Clock clock;

    RetentionController(RetentionQueries queries, CoachingNorms norms, Clock clock) {
        this.queries = queries;
        this.norms = norms;
        this.clock = clock;
    }

    record Due(String trajectoryId, LocalDate closedOn, LocalDate retentionEndsOn, long daysOverdue) {
    }

    /** @param page where {@code due} lies in the whole list, and its total */
    record RetentionView(LocalDate asOf, int retentionYears, PageInfo page, List<Due> due) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    RetentionView retention(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                            @SupportedDate LocalDate asOf,
                            @RequestParam(defaultValue = "0") @PositiveOrZero int page,
                            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE)
                            @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        LocalDate day = AsOf.orToday(asOf, clock);
        Page<Due> due = queries.due(day, norms.retentionYears(), new PageRequest(page, size));
        return new RetentionView(day, norms.retentionYears(), due.info(), due.items());
    }

    /** The whole list, streamed. */
    @GetMapping(produces = Csv.MEDIA_TYPE)
    void retentionCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                      @SupportedDate LocalDate asOf, HttpServletResponse response) throws IOException {
        LocalDate day = AsOf.orToday(asOf, clock);
        Csv.stream(response, "retention-" + day, Due.class,
                sink -> queries.forEachDue(day, norms.retentionYears(), sink));
    }
}
