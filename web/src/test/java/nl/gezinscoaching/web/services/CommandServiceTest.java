package nl.gezinscoaching.web.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.time.LocalDate;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.HomeVisitRequest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

/** The web's client of the command service: the shared record as JSON, the form's key, refusals read back. */
class CommandServiceTest {

    private final RestClient.Builder builder = RestClient.builder().baseUrl("http://commands");
    private final MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
    private final CommandService commands = new CommandService(builder.build());

    @Test
    void anActionIsPostedAsTheSharedRecordWithTheFormsKey() {
        server.expect(requestTo("http://commands/api/trajectories/t-1/home-visits"))
                .andExpect(method(HttpMethod.POST))
                .andExpect(header(CommandService.IDEMPOTENCY_KEY, "k-1"))
                .andExpect(content().json("""
                        {"visitedOn": "2026-11-20", "durationMinutes": 45, "interpreterUsed": false, "summary": null}"""))
                .andRespond(withSuccess("{\"trajectoryId\": \"t-1\"}", MediaType.APPLICATION_JSON));

        commands.record("/api/trajectories/{id}/home-visits",
                new HomeVisitRequest(LocalDate.of(2026, 11, 20), 45, false, null), "k-1", "t-1", null);

        server.verify();
    }

    @Test
    void theServicesFieldRulesAndStateRulesComeBackAsARefusal() {
        server.expect(requestTo("http://commands/api/trajectories/t-1/home-visits"))
                .andRespond(withStatus(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON).body("""
                        {"type": "https://gezinscoaching.nl/problems/invalid-request", "status": 400,
                         "errors": [{"field": "visitedOn", "rule": "not-in-future", "message": "must not lie in the future"}]}"""));
        server.expect(requestTo("http://commands/api/trajectories/t-1/closure"))
                .andRespond(withStatus(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body("""
                        {"status": 409, "rule": "trajectory-closed"}"""));

        CommandRefusal field = catchThrowableOfType(CommandRefusal.class, () -> commands.record(
                "/api/trajectories/{id}/home-visits", new HomeVisitRequest(LocalDate.of(2030, 1, 1), 45, false, null),
                "k-1", "t-1"));
        CommandRefusal state = catchThrowableOfType(CommandRefusal.class, () -> commands.record(
                "/api/trajectories/{id}/closure", new HomeVisitRequest(LocalDate.of(2026, 1, 1), 1, false, null),
                "k-2", "t-1"));

        assertThat(field.fields()).containsExactly(new CommandRefusal.FieldRefusal("visitedOn", "not-in-future"));
        assertThat(state.rule()).isEqualTo("trajectory-closed");
        assertThat(state.fields()).isEmpty();
    }

    @Test
    void aServiceThatCannotTakeTheActionNowIsARefusalThatSaysSoAndKeepsTheForm() {
        server.expect(requestTo("http://commands/api/trajectories/t-1/home-visits"))
                .andRespond(withStatus(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2")
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body("""
                        {"status": 503, "rule": "overloaded"}"""));
        server.expect(requestTo("http://commands/api/trajectories/t-1/home-visits"))
                .andRespond(withStatus(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body("""
                        {"status": 503, "rule": "database-unavailable"}"""));
        server.expect(requestTo("http://commands/api/trajectories/t-1/home-visits"))
                .andRespond(withStatus(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1"));

        HomeVisitRequest visit = new HomeVisitRequest(LocalDate.of(2026, 11, 20), 45, false, null);
        String path = "/api/trajectories/{id}/home-visits";
        CommandRefusal busy = catchThrowableOfType(CommandRefusal.class, () -> commands.record(path, visit, "k-1", "t-1"));
        CommandRefusal down = catchThrowableOfType(CommandRefusal.class, () -> commands.record(path, visit, "k-1", "t-1"));
        CommandRefusal limited = catchThrowableOfType(CommandRefusal.class,
                () -> commands.record(path, visit, "k-1", "t-1"));

        assertThat(busy.rule()).isEqualTo("overloaded");
        assertThat(down.rule()).isEqualTo("database-unavailable");
        assertThat(limited.rule()).isEqualTo("overloaded");
        server.verify();
    }
}
