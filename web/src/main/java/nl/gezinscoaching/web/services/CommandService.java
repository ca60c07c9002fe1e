package nl.gezinscoaching.web.services;

import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

/**
 * The command service, for the action forms: each form posts a shared-api record here, as the signed-in user
 * (so every event records who did it), with the form's key as {@code Idempotency-Key}.
 */
public class CommandService {

    /** The header that makes a repeated post of one form (a double click, a reload) one action. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final ParameterizedTypeReference<Map<String, Object>> ANSWER = new ParameterizedTypeReference<>() {
    };

    private final RestClient rest;

    CommandService(RestClient rest) {
        this.rest = rest;
    }

    /**
     * Posts one action.
     *
     * @return the service's answer (the ids it made, e.g. {@code trajectoryId}), empty when it has none
     * @throws CommandRefusal when the service refuses it (400 with the fields and rules, 409/422 with the rule), or
     *         cannot take it now (429 or 503: rule {@code overloaded} or {@code database-unavailable}; nothing recorded)
     */
    public Map<String, Object> record(String endpoint, Object body, String idempotencyKey, Object... uriVariables) {
        try {
            RestClient.RequestBodySpec request = rest.post().uri(endpoint, uriVariables)
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_PROBLEM_JSON,
                            MediaType.APPLICATION_JSON);
            if (idempotencyKey != null && !idempotencyKey.isBlank()) {
                request = request.header(IDEMPOTENCY_KEY, idempotencyKey);
            }
            Map<String, Object> answer = request.body(body).retrieve().body(ANSWER);
            return answer == null ? Map.of() : answer;
        } catch (HttpClientErrorException.TooManyRequests e) {
            throw new CommandRefusal("overloaded", List.of());
        } catch (HttpClientErrorException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            if (status == HttpStatus.BAD_REQUEST || status == HttpStatus.CONFLICT
                    || status == HttpStatus.UNPROCESSABLE_CONTENT) {
                Problem problem = e.getResponseBodyAs(Problem.class);
                throw new CommandRefusal(problem == null ? null : problem.rule(),
                        problem == null || problem.errors() == null ? List.of() : problem.errors());
            }
            if (status == HttpStatus.NOT_FOUND) {
                // an unknown coach, goal or agency referral named in the form: a refusal; an unknown trajectory: the 404 page
                Problem problem = e.getResponseBodyAs(Problem.class);
                if (problem != null && problem.rule() != null && !"unknown-trajectory".equals(problem.rule())) {
                    throw new CommandRefusal(problem.rule(), List.of());
                }
            }
            throw e;
        } catch (HttpServerErrorException.ServiceUnavailable e) {
            // overloaded or the database down: nothing was recorded, the form is shown again with what was typed
            Problem problem = e.getResponseBodyAs(Problem.class);
            throw new CommandRefusal(problem != null && "database-unavailable".equals(problem.rule())
                    ? "database-unavailable" : "overloaded", List.of());
        }
    }

    /** The service's problem document, the parts the forms show. */
    record Problem(String rule, List<CommandRefusal.FieldRefusal> errors) {
    }
}
