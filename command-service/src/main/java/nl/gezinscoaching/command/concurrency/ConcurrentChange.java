package nl.gezinscoaching.command.concurrency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.gezinscoaching.command.rules.CommandRefusedException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * What a command decided on a stale copy of its trajectory looks like, and how deciding it again is counted
 * and signalled. A stale copy (the other instance appended since it was cached) shows in one of two ways: the
 * command is accepted and its append loses on the event table's unique key ({@link Kind#CONFLICT}), or it is
 * refused by a rule that the newer events would have decided otherwise ({@link Kind#REFUSAL}: "no coach yet"
 * while the other instance assigned one). Every rollback evicts the trajectory from the cache, so deciding
 * again loads the current stream: a conflict is decided again up to {@code command.concurrent-change.max-retries}
 * times, a refusal once (a refusal on the current state is final).
 */
public final class ConcurrentChange {

    public enum Kind { CONFLICT, REFUSAL }

    /**
     * Set on the request (to a {@link Kind}) when a command was answered with a conflict or a refusal, so that a
     * filter which owns the request's transaction may run the request again in a new one.
     */
    public static final String REQUEST_ATTRIBUTE = ConcurrentChange.class.getName();

    /** Meter: commands decided again on the current state, tagged by who retried and why. */
    public static final String RETRIES_METER = "command.concurrent.change.retries";

    private ConcurrentChange() {
    }

    /** A {@link ConcurrencyException} anywhere in the chain, and no duplicate creation of a stream. */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    /** A rule of the aggregate refused the command (400, 404 or 409 with a rule). */
    public static boolean isRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandRefusedException) {
                return true;
            }
        }
        return false;
    }

    public static Counter retryCounter(MeterRegistry meters, String retriedBy, Kind kind) {
        return Counter.builder(RETRIES_METER)
                .description("Commands decided again on the current state (stale cached trajectory or lost race)")
                .tag("by", retriedBy)
                .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters);
    }
}
