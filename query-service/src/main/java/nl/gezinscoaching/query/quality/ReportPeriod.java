package nl.gezinscoaching.query.quality;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.platform.web.FieldProblem;
import nl.gezinscoaching.platform.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The period of a quality report, both days included: by default from 1 January of the last day's year until
 * today.
 */
record ReportPeriod(LocalDate from, LocalDate to) {

    static ReportPeriod of(LocalDate from, LocalDate to, Clock clock) {
        LocalDate end = to != null ? to : LocalDate.now(clock);
        return new ReportPeriod(from != null ? from : end.withDayOfYear(1), end);
    }

    boolean valid() {
        return !to.isBefore(from);
    }

    /** The 400 for a period that ends before it begins. */
    static ResponseEntity<ProblemDetail> refused() {
        ProblemDetail problem = Problems.invalidRequest(List.of(
                new FieldProblem("to", "not-before-from", "must not lie before from")));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
