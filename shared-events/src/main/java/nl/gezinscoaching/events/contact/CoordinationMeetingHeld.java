package nl.gezinscoaching.events.contact;

import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/** An afstemmingsoverleg: agencies and parents, chaired by the coach. */
@Revision("1")
public record CoordinationMeetingHeld(String trajectoryId,
                                      LocalDate heldOn,
                                      List<String> agencies,
                                      boolean parentsPresent,
                                      @PersonalData String notes) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return heldOn;
    }
}
