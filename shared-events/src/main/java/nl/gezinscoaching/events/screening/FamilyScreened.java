package nl.gezinscoaching.events.screening;

import java.time.LocalDate;
import java.util.Set;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * Triage filled in the selection form for a family on the waiting list. When a contra-indication holds
 * and the senior coach accepts the family anyway, {@code overridden} is true and {@code overrideReason}
 * says why; otherwise the reason is null (and a {@code ReferralDeclined} follows when a contra-indication
 * holds). {@code overridden} is kept apart from the reason because the reason is personal data: once the
 * family's data is erased it reads as null, while the outcome of the screening must stay countable.
 */
@Revision("1")
public record FamilyScreened(String trajectoryId, LocalDate screenedOn, Set<Indication> indications,
                             Set<ContraIndication> contraIndications, boolean overridden,
                             @PersonalData String overrideReason)
        implements TrajectoryEvent {

    public FamilyScreened {
        indications = indications == null ? Set.of() : Set.copyOf(indications);
        contraIndications = contraIndications == null ? Set.of() : Set.copyOf(contraIndications);
    }

    /** Whether this screening declined the referral: a contra-indication held and nobody overrode it. */
    public boolean declined() {
        return !contraIndications.isEmpty() && !overridden;
    }

    @Override
    public LocalDate occurredOn() {
        return screenedOn;
    }
}
