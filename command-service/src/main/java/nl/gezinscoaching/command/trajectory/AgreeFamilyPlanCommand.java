package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AgreeFamilyPlanCommand(@TargetAggregateIdentifier String trajectoryId,
                                     LocalDate agreedOn,
                                     List<String> cosigningAgencies) implements TrajectoryCommand {
}
