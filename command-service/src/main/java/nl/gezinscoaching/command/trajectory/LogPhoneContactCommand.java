package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record LogPhoneContactCommand(@TargetAggregateIdentifier String trajectoryId,
                                     LocalDate contactedOn,
                                     int durationMinutes,
                                     String summary) implements TrajectoryCommand {
}
