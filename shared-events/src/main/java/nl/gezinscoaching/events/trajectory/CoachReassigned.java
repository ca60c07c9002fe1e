package nl.gezinscoaching.events.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/** Another coach took over an assigned trajectory. */
@Revision("1")
public record CoachReassigned(String trajectoryId, String previousCoachId, String coachId, LocalDate reassignedOn) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return reassignedOn;
    }
}
