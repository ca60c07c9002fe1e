package nl.gezinscoaching.command.coach;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterCoachCommand(@TargetAggregateIdentifier String coachId,
                                   String name,
                                   String cluster,
                                   BigDecimal fte,
                                   LocalDate registeredOn) {
}
