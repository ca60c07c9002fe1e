package nl.gezinscoaching.events.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/** The senior coach assigned a coach: the family leaves the waiting list and coaching starts. */
@Revision("1")
public record CoachAssigned(String trajectoryId, String coachId, LocalDate assignedOn) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return assignedOn;
    }
}
