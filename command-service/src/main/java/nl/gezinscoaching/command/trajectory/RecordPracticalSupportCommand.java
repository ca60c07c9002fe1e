package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.contact.SupportKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPracticalSupportCommand(@TargetAggregateIdentifier String trajectoryId,
                                            LocalDate givenOn,
                                            SupportKind kind,
                                            int durationMinutes,
                                            String notes) implements TrajectoryCommand {
}
