package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.contact.VisitLocation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param location where the visit took place; null: at home */
public record RecordHomeVisitCommand(@TargetAggregateIdentifier String trajectoryId,
                                     String visitId,
                                     LocalDate visitedOn,
                                     int durationMinutes,
                                     boolean interpreterUsed,
                                     String summary,
                                     VisitLocation location) implements TrajectoryCommand {
}
