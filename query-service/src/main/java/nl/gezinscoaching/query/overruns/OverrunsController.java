package nl.gezinscoaching.query.overruns;

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
import nl.gezinscoaching.query.overruns.OverrunsView.Overrun;
import nl.gezinscoaching.query.support.CoachingNorms;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/overruns")
class OverrunsController {

    private final OverrunsQueries queries;
    private final CoachingNorms norms;
    private final Clock clock;

    OverrunsController(OverrunsQueries queries, CoachingNorms norms, Clock clock) {
        this.queries = queries;
        this.norms = norms;
        this.clock = clock;
    }

    /**
     * @param coachId  only this (current) coach's trajectories; @param cluster only those of this cluster's
     *                 coaches (a senior coach: always their own, {@link ClusterScope})
     * @param district only the families of this district
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    OverrunsView overruns(@RequestParam(defaultValue = "0") @PositiveOrZero int page,
                          @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE)
                          @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                          @RequestParam(required = false) @Size(max = TextBounds.IDENTIFIER) String coachId,
                          @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
                          @RequestParam(required = false) @Size(max = TextBounds.NAME) String district) {
        LocalDate today = LocalDate.now(clock);
        String scope = ClusterScope.of(cluster);
        Page<Overrun> overruns = queries.overruns(today, norms.normMonths(), orAll(coachId), scope, orAll(district),
                new PageRequest(page, size));
        return new OverrunsView(today, norms.normMonths(), overruns.info(), overruns.items());
    }

    private static String orAll(String value) {
        return value == null || value.isBlank() ? "" : value;
    }

    /** One row per overrunning trajectory; the agencies it waits for are joined with "; ". */
    record OverrunRow(String trajectoryId, String coachId, LocalDate assignedOn, int extensionMonths,
                      LocalDate plannedEndOn, long daysOver, boolean waitingOnAgency, String waitingOnAgencies) {
    }

    /** The whole list, streamed. */
    @GetMapping(produces = Csv.MEDIA_TYPE)
    void overrunsCsv(@RequestParam(required = false) @Size(max = TextBounds.IDENTIFIER) String coachId,
                     @RequestParam(required = false) @Size(max = TextBounds.NAME) String cluster,
                     @RequestParam(required = false) @Size(max = TextBounds.NAME) String district,
                     HttpServletResponse response) throws IOException {
        LocalDate today = LocalDate.now(clock);
        String scope = ClusterScope.of(cluster);
        Csv.stream(response, "overruns-" + today, OverrunRow.class, sink -> queries.forEachOverrun(today,
                norms.normMonths(), orAll(coachId), scope, orAll(district), o -> sink.accept(new OverrunRow(o.trajectoryId(), o.coachId(), o.assignedOn(),
                        o.extensionMonths(), o.plannedEndOn(), o.daysOver(), o.waitingOnAgency(),
                        String.join("; ", o.waitingOnAgencies())))));
    }
}
