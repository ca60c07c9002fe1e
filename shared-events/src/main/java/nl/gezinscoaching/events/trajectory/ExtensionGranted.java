package nl.gezinscoaching.events.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/** The cluster granted more months on top of the norm (trust building, an agency's waiting list...). */
@Revision("1")
public record ExtensionGranted(String trajectoryId, LocalDate grantedOn, int months, @PersonalData String reason) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return grantedOn;
    }
}
