package nl.gezinscoaching.command.concurrency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import nl.gezinscoaching.command.concurrency.ConcurrentChange.Kind;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Decides a command again, at once and on the same thread, when it may have been decided on a stale copy of its
 * trajectory ({@link ConcurrentChange}): after a lost append race ({@link ConcurrencyException}, up to
 * {@code maxRetries} times, from the second retry on after a short random pause) and after a refusal (once). The failed unit of work has been rolled back, and that
 * rollback evicted the trajectory from the cache ({@code CachingEventSourcingRepository}), so the next attempt
 * loads the current stream. Never retried: {@link AggregateStreamCreationException} (the id exists: a retry
 * fails the same way) and any other failure. Inside an outer transaction (a request with an
 * {@code Idempotency-Key}) the failed attempt has marked that transaction rollback-only (and a failed insert has
 * aborted it): the idempotency filter, which owns it, runs the request again in a new one instead.
 */
public final class ConflictRetryScheduler implements RetryScheduler {

    private final int maxRetries;
    private final Counter conflictRetries;
    private final Counter refusalRechecks;

    public ConflictRetryScheduler(int maxRetries, MeterRegistry meters) {
        this.maxRetries = maxRetries;
        this.conflictRetries = ConcurrentChange.retryCounter(meters, "gateway", Kind.CONFLICT);
        this.refusalRechecks = ConcurrentChange.retryCounter(meters, "gateway", Kind.REFUSAL);
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        if (ConcurrentChange.isConflict(lastFailure) && failures.size() <= maxRetries) {
            conflictRetries.increment();
            backOff(failures.size());
        } else if (ConcurrentChange.isRefusal(lastFailure) && failures.size() == 1) {
            refusalRechecks.increment();
        } else {
            return false;
        }
        commandDispatch.run();
        return true;
    }

    /**
     * Before the second and later attempts after lost races, a random pause of up to 2, 4, 8, 16 ms: writers that
     * lost to each other once do not meet again at the same moment (several instances appending to one busy
     * trajectory exhausted the retries now and then when every retry went at once).
     */
    private static void backOff(int failures) {
        if (failures < 2) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1L << Math.min(failures - 1, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
