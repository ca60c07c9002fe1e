package nl.gezinscoaching.command.trajectory;

import static nl.gezinscoaching.events.TextBounds.FREE_TEXT;
import static nl.gezinscoaching.events.TextBounds.LIST_ITEMS;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Set;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.Indication;

/**
 * The Coach je kind selection form: the indication criteria the family meets and the contra-indications
 * that hold (both may be empty). {@code overrideReason}, only with a contra-indication, accepts the
 * family anyway; without it a contra-indication declines the referral.
 */
record ScreeningRequest(@NotNull LocalDate screenedOn,
                        @NotNull @Size(max = LIST_ITEMS) Set<@NotNull Indication> indications,
                        @NotNull @Size(max = LIST_ITEMS) Set<@NotNull ContraIndication> contraIndications,
                        @Size(max = FREE_TEXT) String overrideReason) {
}
