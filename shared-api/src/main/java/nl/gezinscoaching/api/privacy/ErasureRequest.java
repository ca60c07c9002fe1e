package nl.gezinscoaching.api.privacy;

import static nl.gezinscoaching.events.TextBounds.NAME;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import nl.gezinscoaching.events.privacy.ErasureRequester;

/**
 * {@code POST /api/families/{trajectoryId}/erasure}.
 *
 * @param legalGround the legal ground, e.g. "AVG art. 17"; never personal data
 * @param erasedOn    the day of the erasure; today when left out
 */
public record ErasureRequest(@NotNull ErasureRequester requester, @NotBlank @Size(max = NAME) String legalGround,
                             LocalDate erasedOn) {
}
