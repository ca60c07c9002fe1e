package nl.gezinscoaching.api.coach;

import static nl.gezinscoaching.events.TextBounds.CODE;
import static nl.gezinscoaching.events.TextBounds.IDENTIFIER;
import static nl.gezinscoaching.events.TextBounds.NAME;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code POST /api/coaches}. @param registeredOn the day the coach joined; today when left out */
public record CoachRequest(@NotBlank @Size(max = IDENTIFIER) @Pattern(regexp = "[A-Za-z0-9._-]*") String coachId,
                           @NotBlank @Size(max = NAME) String name,
                           @NotBlank @Size(max = CODE) String cluster,
                           @NotNull BigDecimal fte,
                           LocalDate registeredOn) {
}
