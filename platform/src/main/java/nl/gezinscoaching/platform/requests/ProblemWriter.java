package nl.gezinscoaching.platform.requests;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.gezinscoaching.platform.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem document where no Spring MVC handler answers (servlet filters). */
public final class ProblemWriter {

    private final JsonMapper json = JsonMapper.builder().build();

    void tooLarge(HttpServletResponse response, long maxBytes) throws IOException {
        write(response, Problems.tooLarge(maxBytes));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(document(problem));
    }

    /** The problem document as JSON. */
    byte[] document(ProblemDetail problem) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        document.put("title", problem.getTitle());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            document.putAll(problem.getProperties());
        }
        return json.writeValueAsBytes(document);
    }
}
