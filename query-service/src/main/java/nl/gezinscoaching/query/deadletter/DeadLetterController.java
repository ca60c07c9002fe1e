package nl.gezinscoaching.query.deadletter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import nl.gezinscoaching.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators: the dead letters (never their payload), and retrying them, all of them or one
 * trajectory's. A retry is worth it once the cause is cured (a deployment, a wider column).
 */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    record Page(List<DeadLetters.Count> queues, int offset, int limit, List<DeadLetterQueries.Letter> letters) {
    }

    @GetMapping
    Page list(@RequestParam(defaultValue = "0") @Min(0) int offset,
              @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return new Page(deadLetters.counts(), offset, limit, deadLetters.letters(offset, limit));
    }

    @PostMapping("/retry")
    DeadLetters.Retry retryAll() {
        return deadLetters.retryAll();
    }

    /** The sequence of a trajectory's events is the trajectory. */
    @PostMapping("/{trajectoryId}/retry")
    ResponseEntity<?> retry(@PathVariable String trajectoryId) {
        return deadLetters.retry(trajectoryId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(notDeadLettered()));
    }

    private static ProblemDetail notDeadLettered() {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-dead-letter-sequence", "Not found",
                "No dead letters for this trajectory");
    }
}
