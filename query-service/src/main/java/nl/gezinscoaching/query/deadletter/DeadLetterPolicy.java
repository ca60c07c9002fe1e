package nl.gezinscoaching.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Axon's enqueue policy for the dead-lettering processors.
 * <ul>
 *   <li>An event that failed for the first time is dead-lettered only if a retry cannot cure the failure
 *       ({@link Failures#retryMayCure}); otherwise the decision is not to enqueue, and the batch fails and
 *       is retried by its processor.</li>
 *   <li>A dead letter that fails again when retried stays in the queue whatever the cause (Axon evicts a
 *       letter on any other decision), with the new cause and its retry count raised by one.</li>
 * </ul>
 * Causes are stored as {@link Failures#describe} makes them: no value of the event.
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** The diagnostics entry that counts the failed retries of a dead letter. */
    static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        ThrowableCause described = Failures.describe(cause);
        if (letter instanceof JdbcDeadLetter) {
            // Axon retries letters it read from the queue: keep this one, one more failed retry
            return Decisions.requeue(described, l -> l.diagnostics().and(RETRIES, retries(l.diagnostics()) + 1));
        }
        if (Failures.retryMayCure(cause)) {
            return Decisions.doNotEnqueue();
        }
        return Decisions.enqueue(described);
    }

    static long retries(MetaData diagnostics) {
        Object retries = diagnostics.get(RETRIES);
        if (retries instanceof Number number) {
            return number.longValue();
        }
        return retries == null ? 0 : Long.parseLong(retries.toString());
    }
}
