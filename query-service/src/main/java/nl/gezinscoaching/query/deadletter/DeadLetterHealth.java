package nl.gezinscoaching.query.deadletter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
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
 * <p>
 * The count waits at most {@value #COUNT_WITHIN_MILLIS} ms (then {@code UNKNOWN}): while the database is down the
 * database component already waits the pool's 2 s, and the health answer must come within 5 s (issue 13; the
 * two waits one after the other made it 4 s in {@code OutageUnderLoadIT}). A count still under way is waited for,
 * not started again.
 */
@Component("deadLettersHealthIndicator")
class DeadLetterHealth implements HealthIndicator, DisposableBean {

    static final String DEGRADED_CODE = "DEGRADED";
    static final Status DEGRADED = new Status(DEGRADED_CODE, "events wait in a dead-letter queue");

    static final long COUNT_WITHIN_MILLIS = 1_000;

    private final DeadLetters deadLetters;
    private final ExecutorService counter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dead-letter-health");
        thread.setDaemon(true);
        return thread;
    });
    private Future<List<DeadLetters.Count>> counting;

    DeadLetterHealth(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    private synchronized Future<List<DeadLetters.Count>> count() {
        if (counting == null || counting.isDone()) {
            counting = counter.submit(deadLetters::counts);
        }
        return counting;
    }

    @Override
    public void destroy() {
        counter.shutdownNow();
    }

    @Override
    public Health health() {
        List<DeadLetters.Count> counts;
        try {
            counts = count().get(COUNT_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException databaseUnavailable) {
            // the database component says DOWN; the health answer must not fail or wait with it (issue 13)
            return Health.unknown().withDetail("error", "the dead letters cannot be counted").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
