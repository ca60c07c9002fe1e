package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReferToAgencyCommand(@TargetAggregateIdentifier String trajectoryId,
                                   String agencyReferralId,
                                   String agency,
                                   LocalDate referredOn) implements TrajectoryCommand {
}
