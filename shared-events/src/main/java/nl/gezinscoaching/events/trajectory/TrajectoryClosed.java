package nl.gezinscoaching.events.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * The trajectory was closed (afsluiting). Aftercare calls may follow.
 *
 * @param clientSatisfaction    the family's mark out of 10 (CEM+), if asked
 * @param referrerSatisfaction  the referrer's mark out of 10, if asked
 * @param closingLetterLanguage language of the closing letter (ISO 639-1, e.g. "nl", "ar"), if one was sent
 */
@Revision("1")
public record TrajectoryClosed(String trajectoryId,
                               LocalDate closedOn,
                               ClosureReason reason,
                               Integer clientSatisfaction,
                               Integer referrerSatisfaction,
                               String closingLetterLanguage) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return closedOn;
    }
}
