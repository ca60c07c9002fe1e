package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import java.util.Set;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.Indication;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Triage records the selection form for a family on the waiting list. A contra-indication that holds
 * declines the referral, unless {@code overrideReason} says why the family is accepted anyway.
 */
public record ScreenFamilyCommand(@TargetAggregateIdentifier String trajectoryId,
                                  LocalDate screenedOn,
                                  Set<Indication> indications,
                                  Set<ContraIndication> contraIndications,
                                  String overrideReason) implements TrajectoryCommand {

    public ScreenFamilyCommand {
        indications = indications == null ? Set.of() : Set.copyOf(indications);
        contraIndications = contraIndications == null ? Set.of() : Set.copyOf(contraIndications);
    }

    /** Whether this screening declines the referral: a contra-indication holds and nobody overrode it. */
    boolean declines() {
        return !contraIndications.isEmpty() && overrideReason == null;
    }
}
