package nl.gezinscoaching.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.UUID;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the fuzzer of issue 13 found, fixed: other content types than JSON are a 415 problem (a multipart body
 * was a 500), a body above the size limit is a 413 problem (a 12 MB body was read whole), a JSON value of
 * another type is a 400 naming the field (a number was taken as a text), and no refused request writes an
 * event or answers with internals.
 */
class RequestHardeningIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    /** The limit set below: small, so the test sends little. */
    private static final int LIMIT = 64 * 1024;

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;
    private static String trajectory;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(null, 0);
        app = CommandServiceApplication.application()
                .run("--server.port=0",
                        "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--platform.requests.max-body-size=" + LIMIT + "B");
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        assertThat(post("/api/coaches", "application/json", """
                {"coachId": "hard-1", "name": "Ilse Dam", "cluster": "Noord", "fte": 1.0}""").status).isEqualTo(201);
        Answer referred = post("/api/referrals", "application/json", """
                {"family": {"reference": "HARD-1", "name": "Familie Bakker", "district": "Escamp", "language": "nl",
                            "interpreterNeeded": false, "migrationGeneration": "NONE"},
                 "children": [{"name": "Sem", "birthDate": "2014-02-11"}],
                 "referrer": {"name": "M. Jansen", "organisation": "School"},
                 "reasons": ["NOT_REACHING_HELP"], "receivedOn": "%s", "newHelpQuestion": false}"""
                .formatted(TODAY.minusDays(100)));
        trajectory = "/api/trajectories/" + JSON.readTree(referred.body).get("trajectoryId").asString();
        assertThat(post(trajectory + "/assignment", "application/json", """
                {"coachId": "hard-1", "assignedOn": "%s"}""".formatted(TODAY.minusDays(90))).status).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        postgres.close();
    }

    record Answer(int status, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", ADMIN).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static long eventCount() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String visit(String summary) {
        return """
                {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false, "summary": "%s"}"""
                .formatted(TODAY.minusDays(1), summary);
    }

    private static void assertProblemWithoutInternals(Answer answer, int status) {
        assertThat(answer.status).isEqualTo(status);
        assertThat(answer.contentType).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body).doesNotContain("Exception", "\tat ", "at org.", "at java.", "trace");
    }

    /** Paths Tomcat refuses before any filter runs (issue 13): a problem document, not its HTML page. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/trajectories/a%2Fb/home-visits", "/api/trajectories/%00/home-visits",
            "/api/trajectories/%5C/closure", "/api/trajectories/%2e%2e%2f%2e%2e/closure"})
    void aPathTomcatRefusesIsA400ProblemDocumentAndRecordsNothing(String path) throws Exception {
        long before = eventCount();
        Answer answer = post(path, "application/json", visit("PII-text"));
        assertProblemWithoutInternals(answer, 400);
        assertThat(answer.json().get("rule").asString()).isEqualTo("request-line");
        assertThat(answer.body).doesNotContain("PII-", "trajectories", "%", "Tomcat", "<html");
        assertThat(eventCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"multipart/form-data; boundary=xyz", "multipart/form-data", "text/plain",
            "application/x-www-form-urlencoded", "application/xml", "application/octet-stream", "json", "*/*",
            "application/*"})
    void aBodyOfAnotherContentTypeIs415AndRecordsNothing(String contentType) throws Exception {
        long before = eventCount();
        String body = contentType.startsWith("multipart/form-data; boundary")
                ? "--xyz\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\nhello\r\n--xyz--\r\n"
                : visit("hello");

        Answer answer = post(trajectory + "/home-visits", contentType, body);

        assertProblemWithoutInternals(answer, 415);
        assertThat(answer.json().get("rule").asString()).isEqualTo("unsupported-media-type");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aBodyAboveTheLimitIs413WithOrWithoutALengthAndWithAnIdempotencyKey() throws Exception {
        long before = eventCount();
        byte[] huge = visit("a".repeat(LIMIT + 10)).getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(baseUrl + trajectory + "/home-visits");

        Answer declared = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        Answer chunked = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));
        Answer keyed = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        for (Answer answer : new Answer[] {declared, chunked, keyed}) {
            assertProblemWithoutInternals(answer, 413);
            assertThat(answer.json().get("rule").asString()).isEqualTo("max-body-size");
        }
        assertThat(eventCount()).isEqualTo(before);
        // a body within the limit is still read (its text bound is checked as before)
        assertThat(post(trajectory + "/home-visits", "application/json", visit("a".repeat(5000))).json()
                .get("errors").get(0).get("rule").asString()).isEqualTo("max-length");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "home-visits      | summary         | '{\"visitedOn\": \"%s\", \"durationMinutes\": 45, \"interpreterUsed\": false, \"summary\": 42}'",
            "home-visits      | summary         | '{\"visitedOn\": \"%s\", \"durationMinutes\": 45, \"interpreterUsed\": false, \"summary\": true}'",
            "home-visits      | interpreterUsed | '{\"visitedOn\": \"%s\", \"durationMinutes\": 45, \"interpreterUsed\": 0}'",
            "home-visits      | interpreterUsed | '{\"visitedOn\": \"%s\", \"durationMinutes\": 45, \"interpreterUsed\": \"false\"}'",
            "home-visits      | durationMinutes | '{\"visitedOn\": \"%s\", \"durationMinutes\": \"45\", \"interpreterUsed\": false}'",
            "home-visits      | durationMinutes | '{\"visitedOn\": \"%s\", \"durationMinutes\": 45.7, \"interpreterUsed\": false}'",
            "home-visits      | durationMinutes | '{\"visitedOn\": \"%s\", \"durationMinutes\": true, \"interpreterUsed\": false}'",
            "home-visits      | visitedOn       | '{\"visitedOn\": 20000, \"durationMinutes\": 45, \"interpreterUsed\": false, \"x\": \"%s\"}'",
            "agency-referrals | agency          | '{\"agency\": 42, \"referredOn\": \"%s\"}'",
            "agency-referrals | agency          | '{\"agency\": [\"GGZ\"], \"referredOn\": \"%s\"}'",
            "agency-referrals | agency          | '{\"agency\": {\"name\": \"GGZ\"}, \"referredOn\": \"%s\"}'",
    })
    void aValueOfAnotherTypeIs400NamingTheFieldAndRecordsNothing(String action, String field, String body)
            throws Exception {
        long before = eventCount();

        Answer answer = post(trajectory + "/" + action, "application/json", body.formatted(TODAY.minusDays(1)));

        assertProblemWithoutInternals(answer, 400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void otherRefusalsAreProblemDocumentsAndTheServiceStillRecords() throws Exception {
        Answer wrongMethod = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/referrals"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        // the closed-by-default URL rules refuse an unmapped method before Spring MVC sees it
        assertThat(wrongMethod.status).isIn(403, 405);
        assertThat(wrongMethod.contentType).startsWith("application/problem+json");

        Answer wellFormedAfterwards = post(trajectory + "/home-visits", "application/json", visit("still answering"));
        assertThat(wellFormedAfterwards.status).isEqualTo(201);
    }
}
