package nl.gezinscoaching.command.trajectory;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
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
