package nl.gezinscoaching.events.agency;

import java.time.LocalDate;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/** The coach referred the family to a follow-up agency; the family may now wait on its list. */
@Revision("1")
public record FamilyReferredToAgency(String trajectoryId, String agencyReferralId, String agency, LocalDate referredOn) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return referredOn;
    }
}
