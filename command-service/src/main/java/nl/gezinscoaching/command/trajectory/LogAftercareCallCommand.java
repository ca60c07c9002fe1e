package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.aftercare.Wellbeing;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record LogAftercareCallCommand(@TargetAggregateIdentifier String trajectoryId,
                                      LocalDate calledOn,
                                      Wellbeing wellbeing,
                                      String notes) implements TrajectoryCommand {
}
