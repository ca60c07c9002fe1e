package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import nl.gezinscoaching.query.QueryServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query service's share of issue 13's request hardening: a body above the limit is a 413 problem, a
 * multipart body is never a 500, parameters of the wrong type are a 400 naming the parameter, and Spring MVC's
 * own refusals are problem documents without internals.
 */
class RequestHardeningIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());
    private static final String MANAGER = "Basic " + Base64.getEncoder().encodeToString("mila:mila".getBytes());

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;

    @BeforeAll
    static void start() {
        postgres = EmbeddedDatabase.start(null, 0);
        app = new SpringApplicationBuilder(QueryServiceApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--platform.requests.max-body-size=16KB");
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
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

    private static Answer send(HttpRequest.Builder request, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", user).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static void assertProblemWithoutInternals(Answer answer, int status) {
        assertThat(answer.status).isEqualTo(status);
        assertThat(answer.contentType).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body).doesNotContain("Exception", "\tat ", "at org.", "at java.", "trace");
    }

    @Test
    void aBodyAboveTheLimitIs413() throws Exception {
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/admin/dead-letters/retry"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\": \"" + "a".repeat(20_000) + "\"}")), ADMIN);

        assertProblemWithoutInternals(answer, 413);
        assertThat(answer.json().get("rule").asString()).isEqualTo("max-body-size");
    }

    @Test
    void aMultipartBodyIsNeverA500() throws Exception {
        for (String contentType : new String[] {"multipart/form-data", "multipart/form-data; boundary=xyz"}) {
            Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/admin/dead-letters/retry"))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nbroken")), ADMIN);

            assertThat(answer.status).isLessThan(500);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/caseload?asOf=yesterday          | asOf",
            "/api/caseload?asOf=20000              | asOf",
            "/api/waiting-list?page=one            | page",
            "/api/waiting-list?page=1.5            | page",
            "/api/waiting-list?size=true           | size",
            "/api/overruns?page=99999999999999999  | page",
    })
    void aParameterOfAnotherTypeIs400NamingIt(String path, String parameter) throws Exception {
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json"),
                MANAGER);

        assertProblemWithoutInternals(answer, 400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(parameter);
    }

    /** Paths Tomcat refuses before any filter runs (issue 13): a problem document, not its HTML page. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/trajectories/a%2Fb/history", "/api/families/%00/reads", "/api/caseload%5C",
            "/api/trajectories/%2e%2e%2f%2e%2e/history"})
    void aPathTomcatRefusesIsA400ProblemDocument(String path) throws Exception {
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json"),
                MANAGER);
        assertProblemWithoutInternals(answer, 400);
        assertThat(answer.json().get("rule").asString()).isEqualTo("request-line");
        assertThat(answer.body).doesNotContain("trajectories", "families", "%", "Tomcat", "<html");
    }

    /** Found by QueryFuzzIT: a NUL in a filter was a 500 (PostgreSQL), invalid UTF-8 a logged stack trace. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/caseload?district=%00, control-character", "/api/caseload?cluster=a%01b, control-character",
            "/api/caseload/trajectories?size=%c3, encoding", "/api/retention?asOf=%ed%a0%80, encoding",
            "/api/overruns?coachId=%ff, encoding"})
    void aParameterWithANulOrInvalidUtf8IsA400NamingIt(String path, String rule) throws Exception {
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/csv"), MANAGER);
        assertProblemWithoutInternals(answer, 400);
        assertThat(answer.json().get("rule").asString()).isEqualTo(rule);
        assertThat(answer.json().get("parameter").asString()).isEqualTo(path.substring(path.indexOf('?') + 1,
                path.indexOf('=')));
    }

    /** Found by QueryFuzzIT: an Accept header that does not parse was a 406 without any body. */
    @Test
    void anAcceptHeaderThatDoesNotParseIsA400ProblemDocument() throws Exception {
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/caseload")).header("Accept", "garbage"),
                MANAGER);
        assertProblemWithoutInternals(answer, 400);
        assertThat(answer.json().get("header").asString()).isEqualTo("Accept");
    }

    @Test
    void springMvcRefusalsAreProblemDocuments() throws Exception {
        Answer notAcceptable = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/caseload"))
                .header("Accept", "application/xml"), MANAGER);
        assertProblemWithoutInternals(notAcceptable, 406);

        Answer wrongMethod = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/admin/rebuild"))
                .DELETE(), ADMIN);
        assertThat(wrongMethod.status).isIn(403, 405);
        assertThat(wrongMethod.contentType).startsWith("application/problem+json");
    }
}
