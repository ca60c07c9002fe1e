package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Assign a coach; on an assigned trajectory this reassigns it to another coach. */
public record AssignCoachCommand(@TargetAggregateIdentifier String trajectoryId,
                                 String coachId,
                                 LocalDate assignedOn) implements TrajectoryCommand {
}
