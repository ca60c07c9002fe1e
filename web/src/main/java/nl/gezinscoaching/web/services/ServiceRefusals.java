package nl.gezinscoaching.web.services;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * A service's refusal as the page a person understands: 403 (not your family, or not your role) the 403 page,
 * 404 the not-found page, a service that is down or failing the unavailable page (503). Logged without any
 * body: a service's answer may name a family.
 */
@ControllerAdvice
class ServiceRefusals {

    private static final Logger log = LoggerFactory.getLogger(ServiceRefusals.class);

    @ExceptionHandler(HttpClientErrorException.Forbidden.class)
    String forbidden(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "error/403";
    }

    @ExceptionHandler(HttpClientErrorException.NotFound.class)
    String notFound(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "error/404";
    }

    @ExceptionHandler({ResourceAccessException.class, HttpServerErrorException.class,
            HttpClientErrorException.Unauthorized.class})
    String unavailable(Exception e, HttpServletResponse response) {
        log.warn("A service could not answer: {}", e.getClass().getSimpleName());
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        return "error/503";
    }
}
