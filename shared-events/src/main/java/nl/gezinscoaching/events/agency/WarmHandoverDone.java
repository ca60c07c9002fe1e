package nl.gezinscoaching.events.agency;

import java.time.LocalDate;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/** The coach went along to the agency's intake: the family no longer waits for that agency. */
@Revision("1")
public record WarmHandoverDone(String trajectoryId, String agencyReferralId, LocalDate handedOverOn) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return handedOverOn;
    }
}
