package nl.gezinscoaching.command.privacy;

import java.time.LocalDate;
import nl.gezinscoaching.events.privacy.ErasureRequester;
import nl.gezinscoaching.command.trajectory.TrajectoryCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase a family's personal data, on request of someone entitled to ask, on a legal ground. */
public record EraseFamilyDataCommand(@TargetAggregateIdentifier String trajectoryId,
                                     LocalDate erasedOn,
                                     ErasureRequester requester,
                                     String legalGround) implements TrajectoryCommand {
}
