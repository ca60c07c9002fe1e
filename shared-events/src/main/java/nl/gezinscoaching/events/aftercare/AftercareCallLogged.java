package nl.gezinscoaching.events.aftercare;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AftercareCallLogged(String trajectoryId, LocalDate calledOn, Wellbeing wellbeing, @PersonalData String notes) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return calledOn;
    }
}
