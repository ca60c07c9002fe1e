package nl.gezinscoaching.query.export;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import nl.gezinscoaching.query.support.SupportedDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/export/events} (ANALYST, ADMIN): the whole event history, pseudonymised, as NDJSON,
 * streamed (docs/analytics.md). {@code X-Events-Stored} tells a client how many events the store holds,
 * so it can show progress; the lines are fewer when {@code until} cuts the history.
 */
@RestController
class ExportController {

    static final String NDJSON = "application/x-ndjson";
    static final String EVENTS_STORED = "X-Events-Stored";

    private final EventExport export;

    ExportController(EventExport export) {
        this.export = export;
    }

    /** @param until the last business date exported; all when absent */
    @GetMapping(path = "/api/export/events", produces = NDJSON)
    void events(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SupportedDate
                LocalDate until, HttpServletResponse response) throws IOException {
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(EVENTS_STORED, Long.toString(export.storedEvents()));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"events"
                + (until == null ? "" : "-until-" + until) + ".ndjson\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        export.write(until, response.getOutputStream());
    }
}
