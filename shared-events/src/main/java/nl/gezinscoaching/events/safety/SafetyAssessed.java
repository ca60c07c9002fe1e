package nl.gezinscoaching.events.safety;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * A risk assessment (LIRIK) was done.
 *
 * @param reportedToVeiligThuis whether a report was made to Veilig Thuis under the reporting code
 */
@Revision("1")
public record SafetyAssessed(String trajectoryId,
                             LocalDate assessedOn,
                             SafetyVerdict verdict,
                             boolean reportedToVeiligThuis,
                             @PersonalData String notes) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return assessedOn;
    }
}
