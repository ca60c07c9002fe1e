package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record GrantExtensionCommand(@TargetAggregateIdentifier String trajectoryId,
                                    LocalDate grantedOn,
                                    int months,
                                    String reason) implements TrajectoryCommand {
}
