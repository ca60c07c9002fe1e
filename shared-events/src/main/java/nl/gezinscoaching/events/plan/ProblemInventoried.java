package nl.gezinscoaching.events.plan;

import java.time.LocalDate;
import java.util.Set;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/** The coach inventoried the family's problems over the life domains. */
@Revision("1")
public record ProblemInventoried(String trajectoryId,
                                 LocalDate inventoriedOn,
                                 Set<LifeDomain> problemDomains,
                                 @PersonalData String notes) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return inventoriedOn;
    }
}
