package nl.gezinscoaching.platform.requests;

import java.util.Locale;
import nl.gezinscoaching.platform.database.PatientDataSource.PoolBusyException;
import nl.gezinscoaching.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * The services' last word on a failed request, after their own handlers and {@code RequestProblemHandler}:
 * Spring MVC's own refusals (405, 406, 415, ...) as problem documents, a body that is not JSON as 415, a pool
 * busy for longer than the service waits as 503 {@code overloaded}, an unreachable database as 503
 * {@code database-unavailable} (both with {@code Retry-After}), and anything unexpected as a 500 that says nothing
 * about the inside (the log has the exception). Refusals by
 * Spring Security are left to it.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ServiceProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ServiceProblemHandler.class);

    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, MultipartException.class})
    ResponseEntity<ProblemDetail> notJson(Exception e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "The request body must be application/json");
        problem.setProperty("rule", "unsupported-media-type");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> any(Exception e) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e;
        }
        if (e instanceof ErrorResponse refusal) {
            return answer(refusal.getStatusCode(), refusal.getHeaders());
        }
        if (PoolBusyException.in(e)) {
            log.warn("Request answered 503: every database connection stayed in use (overloaded)");
            return overloaded();
        }
        if (DatabaseUnavailable.is(e)) {
            log.warn("Request answered 503: the database is unavailable ({})", e.getClass().getSimpleName());
            return unavailable();
        }
        log.error("Request failed unexpectedly", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, HttpHeaders.EMPTY);
    }

    /** 503 with {@code Retry-After}: the database cannot be reached; nothing was recorded. */
    static ResponseEntity<ProblemDetail> unavailable() {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                "Service unavailable", "The database cannot be reached; nothing was recorded. Try again shortly");
        problem.setProperty("rule", "database-unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    /**
     * 503 with {@code Retry-After}: the database answers but the service had no connection to spare for as long as it
     * waits (a burst beyond what it can take); nothing was recorded.
     */
    static ResponseEntity<ProblemDetail> overloaded() {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                "Service overloaded", "The service is too busy to take this request now; nothing was recorded."
                        + " Try again in a few seconds");
        problem.setProperty("rule", "overloaded");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
    }

    static ResponseEntity<ProblemDetail> answer(HttpStatusCode status, HttpHeaders headers) {
        return ResponseEntity.status(status).headers(headers).body(problem(status));
    }

    /** A problem document for a status alone: its reason phrase, nothing from the exception. */
    static ProblemDetail problem(HttpStatusCode code) {
        HttpStatus status = HttpStatus.resolve(code.value());
        String reason = status == null ? "Error" : status.getReasonPhrase();
        String rule = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        ProblemDetail problem = Problems.of(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status, rule, reason,
                code.is5xxServerError() ? "The request could not be handled; try again later" : reason);
        problem.setStatus(code.value());
        return problem;
    }
}
