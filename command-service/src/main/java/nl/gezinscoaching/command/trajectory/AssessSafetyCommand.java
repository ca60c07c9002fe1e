package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.safety.SafetyVerdict;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AssessSafetyCommand(@TargetAggregateIdentifier String trajectoryId,
                                  LocalDate assessedOn,
                                  SafetyVerdict verdict,
                                  boolean reportedToVeiligThuis,
                                  String notes) implements TrajectoryCommand {
}
