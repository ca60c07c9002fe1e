package nl.gezinscoaching.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.events.TextBounds;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description of the command API: generated from the controllers, with their validation rules. */
class CommandOpenApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(null, 0);
        app = CommandServiceApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() throws IOException {
        app.close();
        postgres.close();
    }

    private static HttpResponse<String> get(String user, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDescriptionNamesTheEndpointsAndTheRulesOfTheirFields() throws Exception {
        HttpResponse<String> answer = get("anna", "/v3/api-docs");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode api = JsonMapper.builder().build().readTree(answer.body());

        List<String> paths = new ArrayList<>();
        api.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/api/referrals", "/api/coaches", "/api/trajectories/{trajectoryId}/decline",
                "/api/trajectories/{trajectoryId}/screening");
        assertThat(paths).as("only the API, not the actuator").allMatch(path -> path.startsWith("/api/"));

        JsonNode screening = api.get("components").get("schemas").get("ScreeningRequest");
        assertThat(screening).as("the screening request's schema").isNotNull();
        List<String> required = new ArrayList<>();
        screening.get("required").forEach(field -> required.add(field.asString()));
        assertThat(required).containsExactlyInAnyOrder("screenedOn", "indications", "contraIndications");
        JsonNode fields = screening.get("properties");
        assertThat(fields.get("overrideReason").get("maxLength").asInt()).isEqualTo(TextBounds.FREE_TEXT);
        assertThat(fields.get("screenedOn").get("format").asString()).isEqualTo("date");
        assertThat(fields.get("contraIndications").get("maxItems").asInt()).isEqualTo(TextBounds.LIST_ITEMS);
        List<String> contraIndications = new ArrayList<>();
        fields.get("contraIndications").get("items").get("enum").forEach(value -> contraIndications.add(value.asString()));
        assertThat(contraIndications).hasSize(9).contains("SUICIDALITY", "SAFETY_RISK");
    }

    @Test
    void theDescriptionIsForSignedInUsersOnly() throws Exception {
        assertThat(get(null, "/v3/api-docs").statusCode()).isEqualTo(401);
    }
}
