package nl.gezinscoaching.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
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
@Order(Ordered.LOWEST_PRECEDENCE)
public class RequestProblemHandler {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    @ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(RequestProblemHandler::toProblem)
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .toList();
        return Problems.invalidRequest(errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    @ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                rule(error.getCodes() == null ? null : error.getCodes()[error.getCodes().length - 1]),
                                error.getDefaultMessage())))
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
    @ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
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
        return new FieldProblem(error.getField(), rule(error.getCode()), error.getDefaultMessage());
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
        return "must be a " + type.getSimpleName();
    }
}
