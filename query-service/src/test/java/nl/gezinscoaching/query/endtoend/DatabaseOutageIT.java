package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import nl.gezinscoaching.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL stopped under a running query service: a view and the health check answer within 5 s (503
 * problem+json with Retry-After, health DOWN) instead of hanging for the pool's 30 s and answering 500; when the
 * database is back the service (its views and its processors) recovers by itself.
 */
class DatabaseOutageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("mila:mila".getBytes());
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;

    @BeforeAll
    static void start() throws IOException {
        dataDirectory = Files.createTempDirectory("outage-it");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = EmbeddedDatabase.start(dataDirectory, port);
        app = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run("--server.port=0",
                        "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres");
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    record Answer(int status, String contentType, String body, String retryAfter, Duration took) {
    }

    private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.header("Authorization", ADMIN)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().firstValue("Retry-After").orElse(null),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static Answer caseload() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/caseload")).header("Accept", "application/json"));
    }

    private static Answer health() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")));
    }

    @Test
    void whileTheDatabaseIsDownViewsAnswer503FastAndTheServiceRecoversByItself() throws Exception {
        assertThat(caseload().status()).isEqualTo(200);

        postgres.close();
        for (int i = 0; i < 3; i++) {
            Answer refused = caseload();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(refused.body()).get("rule").asString()).isEqualTo("database-unavailable");
            assertThat(refused.retryAfter()).isNotNull();
            assertThat(refused.body()).doesNotContain("Exception", "at org.", "jdbc:");
            assertThat(refused.took()).isLessThan(ANSWER_WITHIN);
        }
        Answer down = health();
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("DOWN");
        assertThat(down.took()).isLessThan(ANSWER_WITHIN);

        postgres = EmbeddedDatabase.start(dataDirectory, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Answer after = caseload();
        while (after.status() != 200) {
            assertThat(System.nanoTime()).as("recovered within 60 s; last answer " + after).isLessThan(deadline);
            assertThat(after.status()).isEqualTo(503);
            Thread.sleep(200);
            after = caseload();
        }
        assertThat(health().status()).isEqualTo(200);
    }
}
