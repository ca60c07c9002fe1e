package nl.gezinscoaching.events.aftercare;

import java.time.LocalDate;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AftercareEnded(String trajectoryId, LocalDate endedOn) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return endedOn;
    }
}
