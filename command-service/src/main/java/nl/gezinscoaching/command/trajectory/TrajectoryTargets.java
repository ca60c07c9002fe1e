package nl.gezinscoaching.command.trajectory;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * The trajectory a command is for: {@link TrajectoryCommand#trajectoryId()}, without reflection; any other command
 * as Axon's annotations say. Also used by whatever else needs a command's trajectory ({@link #trajectoryOf}).
 */
@Component(TrajectoryTargets.BEAN)
public class TrajectoryTargets implements CommandTargetResolver {

    static final String BEAN = "trajectoryTargets";

    private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof TrajectoryCommand trajectoryCommand) {
            return new VersionedAggregateIdentifier(trajectoryCommand.trajectoryId(), null);
        }
        return annotated.resolveTarget(command);
    }

    /** The trajectory of a command to one, or null. */
    public static String trajectoryOf(CommandMessage<?> command) {
        return command.getPayload() instanceof TrajectoryCommand trajectoryCommand
                ? trajectoryCommand.trajectoryId() : null;
    }
}
