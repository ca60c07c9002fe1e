package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordHomeVisitCommand(@TargetAggregateIdentifier String trajectoryId,
                                     String visitId,
                                     LocalDate visitedOn,
                                     int durationMinutes,
                                     boolean interpreterUsed,
                                     String summary) {
}
