package nl.gezinscoaching.query.caseload;

import java.time.Clock;
import java.time.LocalDate;
import nl.gezinscoaching.query.caseload.CaseloadView.CoachLoad;
import nl.gezinscoaching.query.support.AsOf;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.SupportedDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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
                          @SupportedDate LocalDate asOf) {
        return queries.caseload(AsOf.orToday(asOf, clock));
    }

    @GetMapping(produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> caseloadCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       @SupportedDate LocalDate asOf) {
        CaseloadView view = caseload(asOf);
        return Csv.of("caseload-" + view.asOf(), CoachLoad.class, view.coaches());
    }
}
