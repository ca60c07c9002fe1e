package nl.gezinscoaching.events.contact;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

@Revision("1")
public record HomeVisitHeld(String trajectoryId,
                            String visitId,
                            LocalDate visitedOn,
                            int durationMinutes,
                            boolean interpreterUsed,
                            @PersonalData String summary) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return visitedOn;
    }
}
