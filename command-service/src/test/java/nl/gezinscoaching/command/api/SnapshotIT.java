package nl.gezinscoaching.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trajectories are snapshotted in PostgreSQL: after every {@code command.snapshots.threshold} events the state
 * is stored in {@code snapshot_event_entry}, without personal data; a cold load (nothing cached) starts from the
 * snapshot; a snapshot of another revision of the aggregate is ignored.
 */
class SnapshotIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        postgres = EmbeddedDatabase.start(null, 0);
        app = CommandServiceApplication.application()
                .run("--server.port=0",
                        "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--command.snapshots.threshold=20");
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        postgres.close();
    }

    private static int post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                                + app.getEnvironment().getProperty("local.server.port") + path))
                        .header("Content-Type", "application/json").header("Authorization", ADMIN)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (path.equals("/api/referrals")) {
            lastTrajectory = JSON.readTree(response.body()).get("trajectoryId").asString();
        }
        return response.statusCode();
    }

    private static String lastTrajectory;

    private static String visit() {
        return """
                {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false, "summary": "Gesprek met moeder"}"""
                .formatted(TODAY.minusDays(5));
    }

    private static int sql(String statement, String id) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement update = connection.prepareStatement(statement)) {
            update.setString(1, id);
            return update.executeUpdate();
        }
    }

    private static void evictCache() {
        app.getBean("trajectoryCache", Cache.class).removeAll();
    }

    @Test
    void aLongTrajectoryIsSnapshottedWithoutPersonalDataAndLoadedFromItsSnapshot() throws Exception {
        assertThat(post("/api/coaches", """
                {"coachId": "snap-coach", "name": "Ilse Dam", "cluster": "Noord", "fte": 1.0}""")).isEqualTo(201);
        assertThat(post("/api/referrals", """
                {"family": {"reference": "SNAP-1", "name": "Familie Zwaan", "district": "Escamp", "language": "nl",
                            "interpreterNeeded": false, "migrationGeneration": "NONE"},
                 "children": [{"name": "Teun", "birthDate": "2014-02-11"}],
                 "referrer": {"name": "M. Visser", "organisation": "School"},
                 "reasons": ["NOT_REACHING_HELP"], "receivedOn": "%s", "newHelpQuestion": false}"""
                .formatted(TODAY.minusDays(100)))).isEqualTo(201);
        String id = lastTrajectory;
        String t = "/api/trajectories/" + id;
        assertThat(post(t + "/assignment", """
                {"coachId": "snap-coach", "assignedOn": "%s"}""".formatted(TODAY.minusDays(90)))).isEqualTo(200);
        for (int i = 0; i < 45; i++) {
            assertThat(post(t + "/home-visits", visit())).isEqualTo(201);
        }

        // the snapshotter stores on a thread of its own, after the command has answered
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (sqlCount("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ? AND sequence_number >= 19",
                id) == 0) {
            assertThat(java.time.Instant.now()).as("a snapshot was stored").isBefore(deadline);
            Thread.sleep(25);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT sequence_number, payload_revision, convert_from(payload, 'UTF8') FROM snapshot_event_entry
                     WHERE aggregate_identifier = ? ORDER BY sequence_number DESC""")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a snapshot was stored").isTrue();
                assertThat(rows.getLong(1)).isGreaterThanOrEqualTo(19);
                assertThat(rows.getString(2)).isEqualTo("1");
                assertThat(rows.getString(3)).contains("\"stage\":\"ACTIVE\"", "snap-coach")
                        .doesNotContain("Zwaan", "Teun", "Visser", "SNAP-1", "Gesprek");
            }
        }

        // a cold load starts from the snapshot: a snapshot that says "closed" refuses the next visit
        sql("""
                UPDATE snapshot_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),
                    '"stage":"ACTIVE"', '"stage":"CLOSED"'), 'UTF8') WHERE aggregate_identifier = ?""", id);
        evictCache();
        assertThat(post(t + "/home-visits", visit())).isEqualTo(409);

        // a snapshot of another revision of the aggregate is ignored: the stream is read in full
        sql("UPDATE snapshot_event_entry SET payload_revision = '0' WHERE aggregate_identifier = ?", id);
        evictCache();
        assertThat(post(t + "/home-visits", visit())).isEqualTo(201);
    }

    private long sqlCount(String sql, String parameter) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
