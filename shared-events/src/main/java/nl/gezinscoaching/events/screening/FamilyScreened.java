package nl.gezinscoaching.events.screening;

import java.time.LocalDate;
import java.util.Set;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * Triage filled in the selection form for a family on the waiting list. When a contra-indication holds
 * and the senior coach accepts the family anyway, {@code overrideReason} says why; otherwise it is null
 * (and a {@code ReferralDeclined} follows when a contra-indication holds).
 */
@Revision("1")
public record FamilyScreened(String trajectoryId, LocalDate screenedOn, Set<Indication> indications,
                             Set<ContraIndication> contraIndications, @PersonalData String overrideReason)
        implements TrajectoryEvent {

    public FamilyScreened {
        indications = indications == null ? Set.of() : Set.copyOf(indications);
        contraIndications = contraIndications == null ? Set.of() : Set.copyOf(contraIndications);
    }

    @Override
    public LocalDate occurredOn() {
        return screenedOn;
    }
}
