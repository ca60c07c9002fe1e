package nl.gezinscoaching.platform.requests;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.gezinscoaching.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@code Content-Type} that names no concrete type ({@code *}{@code /*}, {@code application/*}) or cannot be
 * parsed is a 415, before Spring MVC, which fails on it with an {@code IllegalArgumentException} (a 500; found by
 * the fuzzer of issue 13, {@code FuzzIT}).
 */
final class ContentTypeCheck extends OncePerRequestFilter {

    private final ProblemWriter problems;

    ContentTypeCheck(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !concrete(header)) {
            ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "The request body must be application/json");
            problem.setProperty("rule", "unsupported-media-type");
            problems.write(response, problem);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }
}
