package nl.gezinscoaching.query.support;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;
import nl.gezinscoaching.events.DateBounds;

/**
 * A day from {@link DateBounds#EARLIEST} to {@link DateBounds#LATEST} (or none). On a controller's request parameter
 * a day outside is a 400 problem naming the parameter, with rule {@code supported-date}.
 */
@Documented
@Constraint(validatedBy = SupportedDate.Validator.class)
@Target({PARAMETER, FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface SupportedDate {

    String message() default "must lie between the earliest and the latest supported day";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SupportedDate, LocalDate> {

        @Override
        public boolean isValid(LocalDate day, ConstraintValidatorContext context) {
            if (day == null || DateBounds.supported(day)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must lie between " + DateBounds.EARLIEST + " and " + DateBounds.LATEST)
                    .addConstraintViolation();
            return false;
        }
    }
}
