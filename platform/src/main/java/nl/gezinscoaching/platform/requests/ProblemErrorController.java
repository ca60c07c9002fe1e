package nl.gezinscoaching.platform.requests;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import nl.gezinscoaching.platform.database.PatientDataSource.PoolBusyException;
import nl.gezinscoaching.platform.web.Problems;
import nl.gezinscoaching.platform.web.RequestTooLargeException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of the services (instead of Spring Boot's, which answers its own JSON shape): whatever
 * failed outside a controller (a filter, the servlet container) is answered as a problem document with the
 * status alone, never the exception's message or trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        RequestTooLargeException tooLarge = RequestTooLargeException.in(failure);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.tooLarge(tooLarge.limit()));
        }
        if (PoolBusyException.in(failure)) {
            return ServiceProblemHandler.overloaded();
        }
        if (DatabaseUnavailable.is(failure)) {
            return ServiceProblemHandler.unavailable();
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = HttpStatusCode.valueOf(code instanceof Integer value && value >= 400 ? value : 500);
        return ServiceProblemHandler.answer(status, HttpHeaders.EMPTY);
    }
}
