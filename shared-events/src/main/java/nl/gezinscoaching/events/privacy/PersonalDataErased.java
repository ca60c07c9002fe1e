package nl.gezinscoaching.events.privacy;

import java.time.LocalDate;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * The family's personal data was erased: its data key is destroyed, so every personal field of every
 * event of this trajectory is unreadable from now on. Dates, codes and the events themselves remain.
 *
 * @param legalGround the ground for the erasure, e.g. "AVG art. 17" or "Jeugdwet art. 7.3.11" (no personal data)
 */
@Revision("1")
public record PersonalDataErased(String trajectoryId, LocalDate erasedOn, ErasureRequester requester,
                                 String legalGround) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return erasedOn;
    }
}
