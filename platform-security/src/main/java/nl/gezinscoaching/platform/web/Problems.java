package nl.gezinscoaching.platform.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem documents of this platform. */
public final class Problems {

    private static final String TYPE_BASE = "https://gezinscoaching.nl/problems/";

    private Problems() {
    }

    public static ProblemDetail invalidRequest(List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(URI.create(TYPE_BASE + "invalid-request"));
        problem.setTitle("Invalid request");
        problem.setDetail(errors.stream()
                .map(e -> e.field() == null ? e.message() : e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is invalid"));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** 413: the body is larger than the services accept (rule {@code max-body-size}). */
    public static ProblemDetail tooLarge(long limitBytes) {
        ProblemDetail problem = of(HttpStatus.CONTENT_TOO_LARGE, "max-body-size", "Request too large",
                "The request body may be at most " + limitBytes + " bytes");
        problem.setProperty("rule", "max-body-size");
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
