package nl.gezinscoaching.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as RFC 9457 problem documents, like every other refusal of the platform. */
final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // never a Basic challenge: a browser would prompt, keep the credentials and send them with every later
        // request to this host, a cross-site form's included. API clients send their credentials unasked.
        response.setHeader("WWW-Authenticate", "Bearer realm=\"gezinscoaching\"");
        write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in first", request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this", request);
    }

    static void write(HttpServletResponse response, HttpStatus status, String type, String detail,
                      HttpServletRequest request) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String body = """
                {"type":"%s","title":"%s","status":%d,"detail":"%s","instance":"%s"}"""
                .formatted(URI.create("https://gezinscoaching.nl/problems/" + type), status.getReasonPhrase(),
                        status.value(), detail, request.getRequestURI().replace("\"", ""));
        response.getWriter().write(body);
    }
}
