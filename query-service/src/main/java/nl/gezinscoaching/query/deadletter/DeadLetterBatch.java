package nl.gezinscoaching.query.deadletter;

import java.sql.Connection;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessingException;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * One batch of events of a dead-lettering processor, settled just before its transaction commits.
 * <p>
 * Projections buffer their writes ({@code BatchedWrites}) and the batch runs them as JDBC batches only
 * now, after every handler has returned: a write that the read model cannot hold fails here, outside
 * Axon's {@code DeadLetteringEventHandlerInvoker}, which therefore never sees it. And in PostgreSQL a
 * failed statement aborts the whole transaction. So the batch settles in two ways:
 * <ol>
 *   <li>Normally: all writes as JDBC batches under one savepoint (one round trip more per batch).</li>
 *   <li>If that fails, or a handler failed (the group's error handler reports those here instead of
 *       letting the invoker enqueue them, so that every failure of the batch is decided in event order):
 *       back to the savepoint, then event by event in the batch's order, each event's writes under its
 *       own savepoint. An event whose handler or writes failed is dead-lettered if the group's policy
 *       says so (a retry cannot cure it), with the same sequence identifier, letter and decision as the
 *       invoker would have made; every later event of the batch in the same sequence (the same
 *       trajectory) is enqueued behind it, as the invoker does for a sequence already in the queue. If
 *       the policy says not to enqueue, the failure is rethrown: the batch rolls back and the processor
 *       retries it.</li>
 * </ol>
 * Everything happens in the batch's transaction: the letters commit with the other events' rows and the
 * processor's token, or not at all. Later batches find the sequence in the queue, and the invoker
 * enqueues their events of that trajectory itself.
 * <p>
 * The batch also answers, for the group's queue, which sequences were in the queue when it began (one
 * query per batch instead of one per event).
 */
public final class DeadLetterBatch {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterBatch.class);
    private static final String RESOURCE = DeadLetterBatch.class.getName();

    /** The writes of one batch, kept per event so that each event's can run on their own. */
    public interface Writes {

        boolean isEmpty();

        /** Every write of the batch, as JDBC batches. */
        void executeAll();

        /** Whether the event made writes. */
        boolean has(EventMessage<?> event);

        /** The event's writes, one by one; a failure is a {@link ReadModelWriteFailed}. */
        void execute(EventMessage<?> event);
    }

    private final DeadLetteringGroup group;
    private final UnitOfWork<?> unitOfWork;
    private final List<Writes> writes = new ArrayList<>(1);
    private final Map<String, Exception> handlerFailures = new HashMap<>();
    private final Set<String> enqueuedByInvoker = new HashSet<>();
    private final Set<Object> failedSequences = new HashSet<>();
    private Set<String> storedAtStart;

    private DeadLetterBatch(DeadLetteringGroup group, UnitOfWork<?> unitOfWork) {
        this.group = group;
        this.unitOfWork = unitOfWork;
    }

    /** Opens the batch of the unit of work (once per batch), to settle at its prepare-commit. */
    static void open(UnitOfWork<?> unitOfWork, DeadLetteringGroup group) {
        UnitOfWork<?> root = unitOfWork.root();
        DeadLetterBatch batch = root.getOrComputeResource(RESOURCE, key -> {
            DeadLetterBatch opened = new DeadLetterBatch(group, root);
            root.onPrepareCommit(u -> opened.settle());
            return opened;
        });
        if (batch.group != group) {
            throw new IllegalStateException("One batch, two dead-lettering groups: " + batch.group.name + ", "
                    + group.name + "; give each processing group its own processor");
        }
    }

    /** The batch of the current unit of work, or {@code null} outside a dead-lettering batch. */
    public static DeadLetterBatch current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getResource(RESOURCE);
    }

    /** The current batch if it is the group's. */
    static DeadLetterBatch current(String processingGroup) {
        DeadLetterBatch batch = current();
        return batch != null && batch.group.name.equals(processingGroup) ? batch : null;
    }

    /** Writes to run when the batch settles (instead of at their own prepare-commit). */
    public void include(Writes batchWrites) {
        writes.add(batchWrites);
    }

    void handlerFailed(EventMessage<?> event, Exception failure) {
        handlerFailures.putIfAbsent(event.getIdentifier(), failure);
    }

    /** Whether the sequence may be in the queue: it was when the batch began. */
    boolean mightBeStored(Object sequenceIdentifier) {
        if (storedAtStart == null) {
            storedAtStart = group.storedSequences();
        }
        return storedAtStart.contains(DeadLetteringGroup.stored(sequenceIdentifier));
    }

    void enqueuedByInvoker(EventMessage<?> event) {
        enqueuedByInvoker.add(event.getIdentifier());
    }

    private void settle() {
        if (handlerFailures.isEmpty()) {
            if (writes.stream().allMatch(Writes::isEmpty)) {
                return;
            }
            Savepoint savepoint = savepoint();
            try {
                writes.forEach(Writes::executeAll);
                // not released: one round trip less per batch; the commit ends it
                return;
            } catch (RuntimeException e) {
                rollbackTo(savepoint, e);
                log.info("A write of a batch of {} failed ({}); settling its events one by one", group.name,
                        e.getClass().getSimpleName());
            }
        }
        for (EventMessage<?> event : events()) {
            settle(event);
        }
    }

    private void settle(EventMessage<?> event) {
        if (enqueuedByInvoker.contains(event.getIdentifier())) {
            return;
        }
        Object sequence = group.sequenceIdentifier(event);
        if (failedSequences.contains(sequence)) {
            group.queue().enqueue(sequence, new GenericDeadLetter<>(sequence, event));
            log.info("Event {} ({}) waits in the dead-letter queue of {} behind an earlier event of its sequence",
                    event.getIdentifier(), event.getPayloadType().getSimpleName(), group.name);
            return;
        }
        Exception failure = handlerFailures.get(event.getIdentifier());
        if (failure == null) {
            failure = execute(event);
        }
        if (failure == null) {
            return;
        }
        // as DeadLetteringEventHandlerInvoker does when a handler throws
        DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>(sequence, event, failure);
        EnqueueDecision<EventMessage<?>> decision = group.policy().decide(letter, failure);
        if (!decision.shouldEnqueue()) {
            throw failure instanceof RuntimeException runtime ? runtime
                    : new EventProcessingException("Handler failed; the batch will be retried", failure);
        }
        Throwable cause = decision.enqueueCause().orElse(null);
        DeadLetter<? extends EventMessage<?>> enqueued = decision.withDiagnostics(letter.withCause(cause));
        group.queue().enqueue(sequence, enqueued);
        failedSequences.add(sequence);
        log.warn("Event {} ({}) dead-lettered in {}: {}", event.getIdentifier(),
                event.getPayloadType().getSimpleName(), group.name,
                enqueued.cause().map(c -> c.type() + ": " + c.message()).orElse("no cause"));
    }

    /** Runs the event's writes under a savepoint; the failure, if any, with the transaction usable again. */
    private Exception execute(EventMessage<?> event) {
        if (writes.stream().noneMatch(w -> w.has(event))) {
            return null;
        }
        Savepoint savepoint = savepoint();
        try {
            for (Writes batchWrites : writes) {
                batchWrites.execute(event);
            }
            release(savepoint);
            return null;
        } catch (RuntimeException e) {
            rollbackTo(savepoint, e);
            return e;
        }
    }

    @SuppressWarnings("unchecked")
    private List<? extends EventMessage<?>> events() {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            return (List<? extends EventMessage<?>>) batching.getMessages();
        }
        return List.of((EventMessage<?>) unitOfWork.getMessage());
    }

    private Savepoint savepoint() {
        return group.jdbc.execute((ConnectionCallback<Savepoint>) Connection::setSavepoint);
    }

    private void release(Savepoint savepoint) {
        group.jdbc.execute((ConnectionCallback<Void>) connection -> {
            connection.releaseSavepoint(savepoint);
            return null;
        });
    }

    /** Back to the savepoint; if even that fails (the connection is gone), the batch fails with the cause. */
    private void rollbackTo(Savepoint savepoint, RuntimeException cause) {
        try {
            group.jdbc.execute((ConnectionCallback<Void>) connection -> {
                connection.rollback(savepoint);
                return null;
            });
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            throw cause;
        }
    }
}
