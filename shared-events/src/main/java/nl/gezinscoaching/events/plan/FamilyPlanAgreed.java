package nl.gezinscoaching.events.plan;

import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * The family agreed the family plan ("one family, one plan").
 *
 * @param goalIds           the goals the plan holds
 * @param cosigningAgencies other agencies that signed the plan too
 */
@Revision("1")
public record FamilyPlanAgreed(String trajectoryId,
                               LocalDate agreedOn,
                               List<String> goalIds,
                               List<String> cosigningAgencies) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return agreedOn;
    }
}
