package nl.gezinscoaching.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every way a request can be malformed into a 400 problem document that names the field and the
 * rule. Never echoes rejected values: they may be personal data.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class RequestProblemHandler {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    @ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(RequestProblemHandler::toProblem)
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return Problems.invalidRequest(errors);
    }

    /**
     * Method validation: a constraint on a path variable or request parameter, and then also the body's
     * own constraints (Spring validates the whole method once any parameter carries a constraint).
     */
    @ExceptionHandler(HandlerMethodValidationException.class)
    @ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(RequestProblemHandler::toProblem)
                        : result.getResolvableErrors().stream().map(error -> toProblem(result, error)))
                .sorted(Comparator.comparing(FieldProblem::field, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        return Problems.invalidRequest(errors);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    @ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return Problems.invalidRequest(List.of(new FieldProblem(e.getParameterName(), "required", "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        return Problems.invalidRequest(List.of(new FieldProblem(e.getName(), formatRule(type), formatMessage(type))));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e) {
        RequestTooLargeException tooLarge = RequestTooLargeException.in(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.tooLarge(tooLarge.limit()));
        }
        return ResponseEntity.badRequest().body(invalidBody(e.getCause()));
    }

    private static ProblemDetail invalidBody(Throwable cause) {
        if (cause instanceof StorableText.NulCharacterException nul) {
            return Problems.invalidRequest(List.of(new FieldProblem(path(nul), "no-nul-character",
                    "must not contain the NUL character (U+0000)")));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.invalidRequest(List.of(new FieldProblem(path(unknown), "unknown-field",
                    "is not a field of this request")));
        }
        if (cause instanceof InvalidFormatException invalid) {
            Class<?> type = invalid.getTargetType();
            return Problems.invalidRequest(List.of(new FieldProblem(path(invalid), formatRule(type), formatMessage(type))));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            Class<?> type = mismatched.getTargetType();
            return Problems.invalidRequest(List.of(new FieldProblem(path(mismatched), formatRule(type), formatMessage(type))));
        }
        return Problems.invalidRequest(List.of(new FieldProblem(null, "well-formed-json",
                "the request body is missing or is not well-formed JSON")));
    }

    private static FieldProblem toProblem(FieldError error) {
        if (error.contains(ConstraintViolation.class)) {
            return toProblem(error.getField(), error.unwrap(ConstraintViolation.class), error.getDefaultMessage());
        }
        return new FieldProblem(error.getField(), rule(error.getCode()), error.getDefaultMessage());
    }

    private static FieldProblem toProblem(ParameterValidationResult result, MessageSourceResolvable error) {
        String parameter = result.getMethodParameter().getParameterName();
        try {
            return toProblem(parameter, result.unwrap(error, ConstraintViolation.class), error.getDefaultMessage());
        } catch (IllegalArgumentException notAViolation) {
            String[] codes = error.getCodes();
            return new FieldProblem(parameter, rule(codes == null ? null : codes[codes.length - 1]),
                    error.getDefaultMessage());
        }
    }

    /**
     * A size bound names its limit: {@code max-length} for a text (at most N characters), {@code max-items}
     * for a list. Other constraints keep their {@link #rule(String) rule names}.
     */
    private static FieldProblem toProblem(String field, ConstraintViolation<?> violation, String message) {
        ConstraintDescriptor<?> constraint = violation.getConstraintDescriptor();
        if (constraint.getAnnotation() instanceof Size size && size.min() == 0) {
            Object value = violation.getInvalidValue();
            if (value instanceof CharSequence) {
                return new FieldProblem(field, "max-length", "must be at most " + size.max() + " characters long");
            }
            if (value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>
                    || value != null && value.getClass().isArray()) {
                return new FieldProblem(field, "max-items", "must hold at most " + size.max() + " items");
            }
        }
        return new FieldProblem(field, rule(constraint.getAnnotation().annotationType().getSimpleName()), message);
    }

    /** Bean Validation constraint names as rule names: {@code NotNull} becomes {@code required}. */
    static String rule(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "PastOrPresent" -> "not-in-future";
            case "Positive", "PositiveOrZero" -> "not-negative";
            default -> constraint.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        };
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String formatRule(Class<?> type) {
        if (type == null) {
            return "type";
        }
        if (type.isEnum()) {
            return "one-of";
        }
        if (type == java.time.LocalDate.class) {
            return "iso-date";
        }
        return "type";
    }

    private static String formatMessage(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == java.time.LocalDate.class) {
            return "must be a date as YYYY-MM-DD";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        if (type == String.class) {
            return "must be a text";
        }
        return "must be a " + type.getSimpleName();
    }
}
