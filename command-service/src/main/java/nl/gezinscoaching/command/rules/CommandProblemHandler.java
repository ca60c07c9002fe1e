package nl.gezinscoaching.command.rules;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import nl.gezinscoaching.command.concurrency.ConcurrentChange;
import nl.gezinscoaching.platform.web.FieldProblem;
import nl.gezinscoaching.platform.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers refused commands with RFC 9457 problem documents. A refusal or a lost race is also marked on the
 * request ({@link ConcurrentChange#REQUEST_ATTRIBUTE}): it may have been decided on a stale cached trajectory, and
 * the idempotency filter then runs a keyed request again in a new transaction.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandProblemHandler {

    @ExceptionHandler(InvalidFieldException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail invalidField(InvalidFieldException e, HttpServletRequest request) {
        request.setAttribute(ConcurrentChange.REQUEST_ATTRIBUTE, ConcurrentChange.Kind.REFUSAL);
        return Problems.invalidRequest(List.of(new FieldProblem(e.field(), e.rule(), e.getMessage())));
    }

    @ExceptionHandler(StateConflictException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ProblemDetail conflict(StateConflictException e, HttpServletRequest request) {
        request.setAttribute(ConcurrentChange.REQUEST_ATTRIBUTE, ConcurrentChange.Kind.REFUSAL);
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, e.rule(), "Not allowed in this state", e.getMessage());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ProblemDetail notFound(NotFoundException e, HttpServletRequest request) {
        request.setAttribute(ConcurrentChange.REQUEST_ATTRIBUTE, ConcurrentChange.Kind.REFUSAL);
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, e.rule(), "Not found", e.getMessage());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ProblemDetail unknownAggregate(AggregateNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-trajectory", "Not found", "No trajectory with this id exists");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ProblemDetail duplicate(AggregateStreamCreationException e) {
        return Problems.of(HttpStatus.CONFLICT, "duplicate-id", "Conflict", "A record with this id exists already");
    }

    /**
     * Another user changed the same trajectory at the same moment, and deciding again did not help (the gateway
     * retries a lost append race: {@code ConflictRetryScheduler}). Marked on the request, so the idempotency
     * filter, which owns the transaction of a keyed request, can run it again.
     */
    @ExceptionHandler(ConcurrencyException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ProblemDetail concurrency(ConcurrencyException e, HttpServletRequest request) {
        request.setAttribute(ConcurrentChange.REQUEST_ATTRIBUTE, ConcurrentChange.Kind.CONFLICT);
        return Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Conflict",
                "The trajectory was changed by someone else at the same moment; reload and try again");
    }
}
