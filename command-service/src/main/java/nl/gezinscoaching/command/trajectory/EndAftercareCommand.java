package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EndAftercareCommand(@TargetAggregateIdentifier String trajectoryId,
                                  LocalDate endedOn) implements TrajectoryCommand {
}
