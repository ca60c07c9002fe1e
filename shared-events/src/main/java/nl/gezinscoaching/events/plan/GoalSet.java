package nl.gezinscoaching.events.plan;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

@Revision("1")
public record GoalSet(String trajectoryId,
                      String goalId,
                      @PersonalData String description,
                      LifeDomain lifeDomain,
                      LocalDate setOn) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return setOn;
    }
}
