package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordWarmHandoverCommand(@TargetAggregateIdentifier String trajectoryId,
                                        String agencyReferralId,
                                        LocalDate handedOverOn) implements TrajectoryCommand {
}
