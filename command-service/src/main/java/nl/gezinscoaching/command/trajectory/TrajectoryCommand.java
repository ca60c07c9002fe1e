package nl.gezinscoaching.command.trajectory;

/**
 * A command to one family trajectory. Its target is read from this interface, not found by reflection for every
 * command: Axon's annotation lookup ({@code @TargetAggregateIdentifier}, which the records keep) cost a quarter
 * of a command's client-thread time (issue 22, docs/benchmarks.md).
 */
public interface TrajectoryCommand {

    /** The trajectory (aggregate) this command is for. */
    String trajectoryId();
}
