package nl.gezinscoaching.events.plan;

import java.time.LocalDate;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

@Revision("1")
public record GoalEvaluated(String trajectoryId, String goalId, GoalAttainment attainment, LocalDate evaluatedOn) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return evaluatedOn;
    }
}
