package nl.gezinscoaching.query.deadletter;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * Axon's JDBC dead-letter queue, with one thing added: inside a batch, whether an event's sequence is
 * already dead-lettered is answered from the sequences that were in the queue when the batch began.
 * <p>
 * Axon's invoker asks the queue for every event ({@code enqueueIfPresent}: a {@code COUNT} query per
 * event), which would cost a replay most of its rate. Its own cache ({@code dlq.cache}) cannot be used:
 * it learns of a new sequence only when the invoker enqueues it, and here the batch settles failures
 * itself ({@link DeadLetterBatch}). One query per batch is exact: within a batch, only this segment's
 * processor adds sequences of the segment, and only when the batch settles, after every handler ran;
 * a retry elsewhere can only remove sequences, and for a sequence that might be present the queue itself
 * is asked, as before.
 */
final class BatchAwareDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final String processingGroup;
    private final SequencedDeadLetterQueue<EventMessage<?>> delegate;

    BatchAwareDeadLetterQueue(String processingGroup, SequencedDeadLetterQueue<EventMessage<?>> delegate) {
        this.processingGroup = processingGroup;
        this.delegate = delegate;
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        DeadLetterBatch batch = DeadLetterBatch.current(processingGroup);
        if (batch == null) {
            return delegate.enqueueIfPresent(sequenceIdentifier, letterBuilder);
        }
        if (!batch.mightBeStored(sequenceIdentifier)) {
            return false;
        }
        AtomicReference<DeadLetter<? extends EventMessage<?>>> built = new AtomicReference<>();
        boolean enqueued = delegate.enqueueIfPresent(sequenceIdentifier, () -> {
            built.set(letterBuilder.get());
            return built.get();
        });
        if (enqueued) {
            batch.enqueuedByInvoker(built.get().message());
        }
        return enqueued;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        delegate.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        delegate.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return delegate.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return delegate.process(sequenceFilter, task);
    }

    @Override
    public boolean process(Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return delegate.process(task);
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
