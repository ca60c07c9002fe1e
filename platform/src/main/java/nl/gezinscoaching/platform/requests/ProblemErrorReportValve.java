package nl.gezinscoaching.platform.requests;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.gezinscoaching.platform.web.Problems;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report, as a problem document instead of its HTML page. It answers only what no servlet
 * answered: a request Tomcat refuses before any application code runs, above all a path with an encoded slash,
 * backslash or NUL ({@code %2F}, {@code %5C}, {@code %00}), a malformed escape, or a request line or headers above
 * Tomcat's size limit (400, rule {@code request-line}). Nothing of the request (its path, Tomcat's message) is
 * repeated in the answer.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private final ProblemWriter writer = new ProblemWriter();

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own: only an error nobody has written an answer for, and only once
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer reporter = response.getReporter();
            if (reporter != null) {
                reporter.write(new String(writer.document(problem(status)), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer already started: nothing more to say
        }
    }

    static ProblemDetail problem(int status) {
        if (status == HttpStatus.BAD_REQUEST.value()) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request-line", "Invalid request",
                    "The request line is not valid: an encoded slash, backslash or NUL in the path, a malformed"
                            + " escape, or a request line or headers above the size limit");
            problem.setProperty("rule", "request-line");
            return problem;
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        return problem;
    }
}
