package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close the trajectory; {@code goalAttainments} evaluates the goals not yet evaluated in the same step. */
public record CloseTrajectoryCommand(@TargetAggregateIdentifier String trajectoryId,
                                     LocalDate closedOn,
                                     ClosureReason reason,
                                     Integer clientSatisfaction,
                                     Integer referrerSatisfaction,
                                     String closingLetterLanguage,
                                     Map<String, GoalAttainment> goalAttainments) {

    public CloseTrajectoryCommand {
        // a goal without attainment is not evaluated at the closure
        goalAttainments = goalAttainments == null ? Map.of() : goalAttainments.entrySet().stream()
                .filter(goal -> goal.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A closure that evaluates no goals. */
    public CloseTrajectoryCommand(String trajectoryId, LocalDate closedOn, ClosureReason reason,
                                  Integer clientSatisfaction, Integer referrerSatisfaction,
                                  String closingLetterLanguage) {
        this(trajectoryId, closedOn, reason, clientSatisfaction, referrerSatisfaction, closingLetterLanguage, null);
    }
}
