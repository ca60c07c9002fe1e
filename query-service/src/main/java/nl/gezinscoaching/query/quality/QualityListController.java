package nl.gezinscoaching.query.quality;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import nl.gezinscoaching.api.views.QualityTrajectories;
import nl.gezinscoaching.api.views.QualityTrajectories.Measure;
import nl.gezinscoaching.api.views.QualityTrajectories.Row;
import nl.gezinscoaching.events.TextBounds;
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

/** The families behind a figure of the quality report ({@link QualityLists}), as JSON pages or one CSV. */
@RestController
@RequestMapping("/api/quality-report/trajectories")
class QualityListController {

    private final QualityLists lists;
    private final Clock clock;

    QualityListController(QualityLists lists, Clock clock) {
        this.lists = lists;
        this.clock = clock;
    }

    /** @param value a closure reason, attainment or contra-indication of the measure; empty for all */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> trajectories(
            @RequestParam Measure measure,
            @RequestParam(required = false) @Size(max = TextBounds.CODE) String value,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SupportedDate LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SupportedDate LocalDate to,
            @RequestParam(defaultValue = "0") @PositiveOrZero int page,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        ReportPeriod period = ReportPeriod.of(from, to, clock);
        if (!period.valid()) {
            return ReportPeriod.refused();
        }
        String of = orAll(value);
        Page<Row> found = lists.page(period.from(), period.to(), measure, of, new PageRequest(page, size));
        return ResponseEntity.ok(new QualityTrajectories(period.from(), period.to(), measure, of,
                new QualityTrajectories.PageInfo(found.info().number(), found.info().size(), found.info().totalItems(),
                        found.info().totalPages()), found.items()));
    }

    /** The whole list, streamed (nothing to return then: the rows are written). */
    @GetMapping(produces = Csv.MEDIA_TYPE)
    ResponseEntity<?> trajectoriesCsv(
            @RequestParam Measure measure,
            @RequestParam(required = false) @Size(max = TextBounds.CODE) String value,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SupportedDate LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SupportedDate LocalDate to,
            HttpServletResponse response) throws IOException {
        ReportPeriod period = ReportPeriod.of(from, to, clock);
        if (!period.valid()) {
            return ReportPeriod.refused();
        }
        Csv.stream(response, "quality-" + measure.name().toLowerCase() + "-" + period.from() + "-" + period.to(),
                Row.class, sink -> lists.forEach(period.from(), period.to(), measure, orAll(value), sink));
        return null;
    }

    private static String orAll(String value) {
        return value == null || value.isBlank() ? "" : value.strip();
    }
}
