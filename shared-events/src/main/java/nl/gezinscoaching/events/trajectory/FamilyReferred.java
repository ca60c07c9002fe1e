package nl.gezinscoaching.events.trajectory;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * A family was referred (aanmelding); the trajectory starts and the family is on the waiting list.
 *
 * @param newHelpQuestion set when the family has an open trajectory already and this referral brings a
 *                        new help question
 */
@Revision("1")
public record FamilyReferred(String trajectoryId,
                             LocalDate receivedOn,
                             Family family,
                             List<Child> children,
                             Referrer referrer,
                             Set<ReferralReason> reasons,
                             boolean newHelpQuestion) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return receivedOn;
    }
}
