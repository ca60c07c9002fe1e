package nl.gezinscoaching.query.deadletter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code deadLetters} health component: {@code UP} with empty queues, {@value #DEGRADED_CODE} while any
 * event waits in one, with the sequences (trajectories) and letters per processing group as details.
 * <p>
 * {@value #DEGRADED_CODE} is a status of our own: application.yml orders it between {@code OUT_OF_SERVICE}
 * and {@code UP}, so that it shows as the service's overall status, and maps it to HTTP 200, so that a load
 * balancer keeps the instance. Dead letters are not a reason to stop serving: every other trajectory is
 * projected, and the readiness and liveness groups do not include this component at all.
 */
@Component("deadLettersHealthIndicator")
class DeadLetterHealth implements HealthIndicator {

    static final String DEGRADED_CODE = "DEGRADED";
    static final Status DEGRADED = new Status(DEGRADED_CODE, "events wait in a dead-letter queue");

    private final DeadLetters deadLetters;

    DeadLetterHealth(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        List<DeadLetters.Count> counts;
        try {
            counts = deadLetters.counts();
        } catch (RuntimeException databaseUnavailable) {
            // the database component says DOWN; the health answer must not fail with it (issue 13)
            return Health.unknown().withDetail("error", "the dead letters cannot be counted").build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (DeadLetters.Count count : counts) {
            details.put(count.processingGroup(), Map.of("sequences", count.sequences(), "letters", count.letters()));
        }
        boolean empty = counts.stream().allMatch(c -> c.letters() == 0);
        return (empty ? Health.up() : Health.status(DEGRADED)).withDetails(details).build();
    }
}
