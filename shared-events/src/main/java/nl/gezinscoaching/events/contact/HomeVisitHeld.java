package nl.gezinscoaching.events.contact;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * The coach visited the family.
 * <p>
 * Revision 2 added {@code location}: where the contact took place. Every revision-1 visit reads as
 * {@link VisitLocation#HOME} (upcaster {@code HomeVisitHeldWithLocation} in the platform).
 */
@Revision("2")
public record HomeVisitHeld(String trajectoryId,
                            String visitId,
                            LocalDate visitedOn,
                            int durationMinutes,
                            boolean interpreterUsed,
                            @PersonalData String summary,
                            VisitLocation location) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return visitedOn;
    }
}
