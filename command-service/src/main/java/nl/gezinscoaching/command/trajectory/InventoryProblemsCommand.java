package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import java.util.Set;
import nl.gezinscoaching.events.plan.LifeDomain;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record InventoryProblemsCommand(@TargetAggregateIdentifier String trajectoryId,
                                       LocalDate inventoriedOn,
                                       Set<LifeDomain> problemDomains,
                                       String notes) implements TrajectoryCommand {
}
