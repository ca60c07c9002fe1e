package nl.gezinscoaching.command.trajectory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots of trajectories (issue 13), so a long stream loads fast without the cache (another instance's
 * first command, a restart, an evicted entry): after every {@code command.snapshots.threshold} events (default
 * 100) loaded or applied since the last snapshot, Axon's snapshotter stores the trajectory's state in
 * {@code snapshot_event_entry} (PostgreSQL, the event store's own table) once the command has committed; a load
 * reads the newest snapshot and the events after it. Two instances writing the same snapshot is harmless (the
 * duplicate is ignored). Snapshots of another {@link #REVISION} of the aggregate are ignored, so a change of its
 * state's shape needs no migration: the stream is read in full once and snapshotted anew. Kept apart from the
 * rest of the Axon configuration on purpose.
 */
@Configuration(proxyBeanMethods = false)
class TrajectorySnapshots {

    static final String TRIGGER = "trajectorySnapshotTrigger";
    static final String FILTER = "trajectorySnapshotFilter";
    /** The revision of {@link Trajectory}'s state; raise it whenever its fields change. */
    static final String REVISION = "1";

    /**
     * Axon's snapshotter, but storing snapshots on a thread of its own instead of the request's. With Axon's default
     * (the request thread, right after the command's commit, while the request still holds its connection) every
     * request that crossed a threshold needed a second connection from the pool: under 20 concurrent posts the pool
     * ran dry and a valid command waited out the 2 s connection timeout and answered 503 (pages benchmark, 1 of
     * 11,700).
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    ThreadPoolExecutor snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor snapshotExecutor() {
        // Not bounded by a size: Axon queues at most one snapshot per trajectory at a time (its snapshots in
        // progress), and a task it could not hand over would leave the trajectory marked as in progress for good
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean(TRIGGER)
    SnapshotTriggerDefinition trajectorySnapshotTrigger(Snapshotter snapshotter,
                                                        @Value("${command.snapshots.threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean(FILTER)
    SnapshotFilter trajectorySnapshotFilter() {
        // the aggregate's type as the snapshot row names it (its simple class name), not the class name
        return RevisionSnapshotFilter.builder().type(Trajectory.class.getSimpleName()).revision(REVISION).build();
    }
}
