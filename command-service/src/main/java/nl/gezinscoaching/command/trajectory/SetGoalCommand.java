package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.plan.LifeDomain;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetGoalCommand(@TargetAggregateIdentifier String trajectoryId,
                             String goalId,
                             String description,
                             LifeDomain lifeDomain,
                             LocalDate setOn) {
}
