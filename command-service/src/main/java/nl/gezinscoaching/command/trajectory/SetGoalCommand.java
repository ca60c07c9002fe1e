package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.plan.Subgoal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param subgoals the Coach je kind subgoals the goal is linked to; null or empty: not linked */
public record SetGoalCommand(@TargetAggregateIdentifier String trajectoryId,
                             String goalId,
                             String description,
                             LifeDomain lifeDomain,
                             LocalDate setOn,
                             List<Subgoal> subgoals) implements TrajectoryCommand {
}
