package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordCoordinationMeetingCommand(@TargetAggregateIdentifier String trajectoryId,
                                               LocalDate heldOn,
                                               List<String> agencies,
                                               boolean parentsPresent,
                                               String notes) implements TrajectoryCommand {
}
