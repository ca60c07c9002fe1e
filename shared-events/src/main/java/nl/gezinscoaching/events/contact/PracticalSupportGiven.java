package nl.gezinscoaching.events.contact;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PracticalSupportGiven(String trajectoryId,
                                    LocalDate givenOn,
                                    SupportKind kind,
                                    int durationMinutes,
                                    @PersonalData String notes) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return givenOn;
    }
}
