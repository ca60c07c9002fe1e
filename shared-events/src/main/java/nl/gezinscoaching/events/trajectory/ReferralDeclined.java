package nl.gezinscoaching.events.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/** Triage declined the referral (for instance on a contra-indication); the trajectory ends before coaching. */
@Revision("1")
public record ReferralDeclined(String trajectoryId, LocalDate declinedOn, @PersonalData String reason) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return declinedOn;
    }
}
