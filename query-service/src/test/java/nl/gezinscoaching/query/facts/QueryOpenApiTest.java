package nl.gezinscoaching.query.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nl.gezinscoaching.query.support.FixedClockConfiguration;
import nl.gezinscoaching.query.support.ViewClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description of the query API: generated from the controllers, parameters and answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FixedClockConfiguration.class)
class QueryOpenApiTest {

    @LocalServerPort
    int port;

    @Test
    void theDescriptionNamesTheViewsTheirParametersAndAnswers() {
        JsonNode api = new ViewClient(port, "mila", "mila").json("/v3/api-docs");

        List<String> paths = new ArrayList<>();
        api.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/api/quality-report", "/api/caseload", "/api/waiting-list",
                "/api/trajectories/{trajectoryId}/history");
        assertThat(paths).as("only the API, not the actuator").allMatch(path -> path.startsWith("/api/"));

        List<String> dateParameters = new ArrayList<>();
        api.get("paths").get("/api/quality-report").get("get").get("parameters").forEach(parameter -> {
            if ("date".equals(parameter.get("schema").path("format").asString())) {
                dateParameters.add(parameter.get("name").asString());
            }
        });
        assertThat(dateParameters).containsExactlyInAnyOrder("from", "to");

        JsonNode report = api.get("components").get("schemas").get("QualityReport").get("properties");
        assertThat(report.has("declinesByContraIndication")).isTrue();
        assertThat(report.get("referralsDeclined").get("type").asString()).isEqualTo("integer");
    }

    @Test
    void theDescriptionIsForSignedInUsersOnly() {
        ViewClient anonymous = new ViewClient(port, "nobody", "wrong");
        assertThat(anonymous.get("/v3/api-docs", "application/json").status()).isEqualTo(401);
    }
}
