package nl.gezinscoaching.query.deadletter;

import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.common.ObjectUtils;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One processing group with a dead-letter queue, as its batches need it: its queue, enqueue policy and
 * sequencing policy, all as Axon configured them for the group's dead-lettering invoker.
 */
final class DeadLetteringGroup {

    final String name;
    final JdbcTemplate jdbc;
    private final DeadLetterQueries queries;
    private final Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue;
    private final Supplier<EnqueuePolicy<EventMessage<?>>> policy;
    private final Supplier<SequencingPolicy<? super EventMessage<?>>> sequencing;

    DeadLetteringGroup(String name, Configuration configuration, JdbcTemplate jdbc, DeadLetterQueries queries) {
        this.name = name;
        this.jdbc = jdbc;
        this.queries = queries;
        EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
        this.queue = memoize(() -> processing.deadLetterQueue(name)
                .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + name)));
        this.policy = memoize(() -> processing.deadLetterPolicy(name)
                .orElseThrow(() -> new IllegalStateException("No dead-letter policy for " + name)));
        this.sequencing = memoize(() -> processing.sequencingPolicy(name));
    }

    SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return queue.get();
    }

    EnqueuePolicy<EventMessage<?>> policy() {
        return policy.get();
    }

    /** The event's sequence identifier exactly as Axon's dead-lettering invoker computes it. */
    Object sequenceIdentifier(EventMessage<?> event) {
        return ObjectUtils.getOrDefault(sequencing.get().getSequenceIdentifierFor(event), event::getIdentifier);
    }

    /** The identifiers of the sequences in the queue now, as {@link #stored} spells them. */
    Set<String> storedSequences() {
        return queries.sequences(name);
    }

    /** A sequence identifier as {@code JdbcSequencedDeadLetterQueue} stores it. */
    static String stored(Object sequenceIdentifier) {
        return sequenceIdentifier instanceof String text ? text : Integer.toString(sequenceIdentifier.hashCode());
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    result = supplier.get();
                    value = result;
                }
                return result;
            }
        };
    }
}
