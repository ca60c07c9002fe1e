package nl.gezinscoaching.web.families;

import java.util.Collection;
import org.springframework.validation.FieldError;

/**
 * Bean Validation's constraint names as the command service's rule names, so one set of messages
 * ({@code rule.<name>}) serves the web's own refusals and the service's.
 */
final class FormRules {

    private FormRules() {
    }

    /** A constraint ({@code NotNull}, {@code Size}...) broken by {@code rejected}, as the service's rule. */
    static String of(String constraint, Object rejected) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> rejected instanceof Collection<?> ? "max-items" : "max-length";
            default -> "invalid";
        };
    }

    static String of(FieldError error) {
        return of(error.getCode(), error.getRejectedValue());
    }
}
