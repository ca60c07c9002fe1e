package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseTrajectoryCommand(@TargetAggregateIdentifier String trajectoryId,
                                     LocalDate closedOn,
                                     ClosureReason reason,
                                     Integer clientSatisfaction,
                                     Integer referrerSatisfaction,
                                     String closingLetterLanguage) {
}
