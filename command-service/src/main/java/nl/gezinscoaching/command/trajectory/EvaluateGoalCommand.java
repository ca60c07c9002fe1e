package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.plan.GoalAttainment;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EvaluateGoalCommand(@TargetAggregateIdentifier String trajectoryId,
                                  String goalId,
                                  GoalAttainment attainment,
                                  LocalDate evaluatedOn) implements TrajectoryCommand {
}
