package nl.gezinscoaching.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.command.concurrency.ConcurrentChange;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two command-service instances on one database, each with its own trajectory cache: whichever instance
 * gets a command, it is decided on the current state. A cached copy made stale by the other instance loses its
 * append, is dropped and the command decided again: it succeeds, or gets the 409 the current state deserves,
 * never a 500 or {@code concurrent-change}; a duplicate creation is not retried.
 */
class TwoInstancesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(null, 0);
        a = startInstance();
        b = startInstance();
        assertThat(post(a, "/api/coaches", """
                {"coachId": "twin-coach", "name": "Ilse Dam", "cluster": "Noord", "fte": 1.0}""").status).isEqualTo(201);
    }

    private static ConfigurableApplicationContext startInstance() {
        return CommandServiceApplication.application()
                .run("--server.port=0",
                        "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        // the purge of expired idempotency keys, often (default hourly)
                        "--command.idempotency.purge-interval=PT0.5S");
    }

    @AfterAll
    static void stop() throws IOException {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
        postgres.close();
    }

    record Answer(int status, JsonNode body) {

        String rule() {
            JsonNode rule = body == null ? null : body.get("rule");
            return rule == null ? null : rule.asString();
        }
    }

    private static Answer post(ConfigurableApplicationContext instance, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                        + instance.getEnvironment().getProperty("local.server.port") + path))
                .header("Content-Type", "application/json").header("Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()));
    }

    private static String days(int ago) {
        return TODAY.minusDays(ago).toString();
    }

    private static String visit(int ago) {
        return """
                {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false}""".formatted(days(ago));
    }

    private static String closure(int ago) {
        return """
                {"closedOn": "%s", "reason": "FAMILY_IN_CONTROL", "clientSatisfaction": 8, "referrerSatisfaction": 7,
                 "closingLetterLanguage": "nl"}""".formatted(days(ago));
    }

    /** A referred and assigned trajectory, both instances having it cached. */
    private static String assignedTrajectory() throws Exception {
        Answer referred = post(a, "/api/referrals", """
                {"family": {"reference": "%s", "name": "Familie Bakker", "district": "Escamp", "language": "nl",
                            "interpreterNeeded": false, "migrationGeneration": "NONE"},
                 "children": [{"name": "Sem", "birthDate": "2014-02-11"}],
                 "referrer": {"name": "M. Jansen", "organisation": "School"},
                 "reasons": ["NOT_REACHING_HELP"], "receivedOn": "%s", "newHelpQuestion": false}"""
                .formatted(UUID.randomUUID(), days(200)));
        assertThat(referred.status).as(String.valueOf(referred.body)).isEqualTo(201);
        String t = "/api/trajectories/" + referred.body.get("trajectoryId").asString();
        assertThat(post(b, t + "/assignment", """
                {"coachId": "twin-coach", "assignedOn": "%s"}""".formatted(days(190))).status).isEqualTo(200);
        Answer first = post(a, t + "/home-visits", visit(180));
        assertThat(first.status).as(String.valueOf(first.body)).isEqualTo(201);
        Answer second = post(b, t + "/home-visits", visit(180));
        assertThat(second.status).as(String.valueOf(second.body)).isEqualTo(201);
        return t;
    }

    private static List<String> stream(String path) throws SQLException {
        String id = path.substring(path.lastIndexOf('/') + 1);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT sequence_number, payload_type FROM domain_event_entry WHERE aggregate_identifier = ?
                     ORDER BY sequence_number""")) {
            statement.setString(1, id);
            List<String> types = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getLong(1)).as("contiguous sequence numbers").isEqualTo(types.size());
                    String type = rows.getString(2);
                    types.add(type.substring(type.lastIndexOf('.') + 1));
                }
            }
            return types;
        }
    }

    private static double retries(ConfigurableApplicationContext instance, String by) {
        return instance.getBean(MeterRegistry.class).find(ConcurrentChange.RETRIES_METER).tag("by", by)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aCommandOnAStaleCachedTrajectoryIsDecidedAgainAndSucceeds() throws Exception {
        String t = assignedTrajectory();
        double retriedBefore = retries(a, "gateway") + retries(b, "gateway");

        // each instance's cached copy is one event behind when its turn comes
        for (int i = 0; i < 6; i++) {
            assertThat(post(i % 2 == 0 ? a : b, t + "/home-visits", visit(170 - i)).status).isEqualTo(201);
        }

        assertThat(stream(t)).containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld", "HomeVisitHeld",
                "HomeVisitHeld", "HomeVisitHeld", "HomeVisitHeld", "HomeVisitHeld", "HomeVisitHeld", "HomeVisitHeld");
        assertThat(retries(a, "gateway") + retries(b, "gateway")).isGreaterThanOrEqualTo(retriedBefore + 6);
    }

    @Test
    void aVisitAgainstAClosureOnTheOtherInstanceGetsTheClosedTrajectorysRefusalAndTheNextCommandSucceeds()
            throws Exception {
        String t = assignedTrajectory();

        assertThat(post(a, t + "/closure", closure(10)).status).isEqualTo(200);
        Answer visitOnStaleCopy = post(b, t + "/home-visits", visit(5));
        Answer secondClosure = post(b, t + "/closure", closure(9));

        assertThat(visitOnStaleCopy.status).isEqualTo(409);
        assertThat(visitOnStaleCopy.rule()).isNotEqualTo("concurrent-change");
        assertThat(secondClosure.status).isEqualTo(409);
        assertThat(secondClosure.rule()).isNotEqualTo("concurrent-change");
        // the losing instance's next command on the trajectory is decided on the closure
        assertThat(post(b, t + "/aftercare-calls", """
                {"calledOn": "%s", "wellbeing": "STABLE"}""".formatted(days(3))).status).isEqualTo(201);
        assertThat(stream(t)).containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld", "HomeVisitHeld",
                "TrajectoryClosed", "AftercareCallLogged");
    }

    @Test
    void aKeyedRequestOnAStaleCopyIsRunAgainInANewTransactionAndItsKeyHoldsOnTheOtherInstance() throws Exception {
        String t = assignedTrajectory();
        assertThat(post(a, t + "/home-visits", visit(100)).status).isEqualTo(201);
        double retriedBefore = retries(b, "idempotency-filter");
        String key = UUID.randomUUID().toString();

        Answer first = post(b, t + "/home-visits", visit(99), "Idempotency-Key", key);
        Answer repeatOnOtherInstance = post(a, t + "/home-visits", visit(99), "Idempotency-Key", key);

        assertThat(first.status).isEqualTo(201);
        assertThat(repeatOnOtherInstance.status).isEqualTo(201);
        assertThat(repeatOnOtherInstance.body).isEqualTo(first.body);
        assertThat(retries(b, "idempotency-filter")).isEqualTo(retriedBefore + 1);
        assertThat(stream(t)).containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld", "HomeVisitHeld",
                "HomeVisitHeld", "HomeVisitHeld");
    }

    private static int execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            if (sql.startsWith("SELECT")) {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
            return statement.executeUpdate();
        }
    }

    @Test
    void aKeyExpiresAfterItsTimeAndIsThenPurged() throws Exception {
        String t = assignedTrajectory();
        String key = UUID.randomUUID().toString();
        assertThat(post(a, t + "/home-visits", visit(90), "Idempotency-Key", key).status).isEqualTo(201);
        assertThat(post(b, t + "/home-visits", visit(90), "Idempotency-Key", key).body)
                .isEqualTo(post(a, t + "/home-visits", visit(90), "Idempotency-Key", key).body);
        assertThat(stream(t)).hasSize(5);

        // 23 hours later the key still holds; 25 hours later (default expiry 24 h) it is as new
        execute("UPDATE idempotency_key SET recorded_at = now() - interval '23 hours' WHERE idempotency_key = ?", key);
        assertThat(post(b, t + "/home-visits", visit(90), "Idempotency-Key", key).status).isEqualTo(201);
        assertThat(stream(t)).hasSize(5);
        execute("UPDATE idempotency_key SET recorded_at = now() - interval '25 hours' WHERE idempotency_key = ?", key);
        // (a purge may have run in between: either way the key is as new)
        Answer afterExpiry = post(b, t + "/home-visits", visit(89), "Idempotency-Key", key);
        assertThat(afterExpiry.status).isEqualTo(201);
        assertThat(stream(t)).hasSize(6);
        assertThat(post(a, t + "/home-visits", visit(89), "Idempotency-Key", key).body).isEqualTo(afterExpiry.body);
        assertThat(stream(t)).hasSize(6);

        // expired keys are purged by the instances
        execute("UPDATE idempotency_key SET recorded_at = now() - interval '25 hours' WHERE idempotency_key = ?", key);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (execute("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", key) > 0) {
            assertThat(System.nanoTime()).as("expired key purged").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void concurrentWritersOnBothInstancesLoseNothing() throws Exception {
        String t = assignedTrajectory();
        int writers = 4;
        int perWriter = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                ConfigurableApplicationContext instance = w % 2 == 0 ? a : b;
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        statuses.add(post(instance, t + "/home-visits", visit(50)).status);
                    }
                    return statuses;
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                statuses.addAll(result.get());
            }

            assertThat(statuses).doesNotContain(500, 503);
            long acknowledged = statuses.stream().filter(status -> status == 201).count();
            // every acknowledged visit is stored once, and nothing else (refusals, if any, are concurrent-change)
            assertThat(stream(t).stream().filter("HomeVisitHeld"::equals).count()).isEqualTo(2 + acknowledged);
            assertThat(acknowledged).as("answers: %s", statuses).isEqualTo((long) writers * perWriter);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDuplicateCreationIsA409AndIsNotRetried() throws Exception {
        String coach = """
                {"coachId": "twin-dup", "name": "Bram Visser", "cluster": "Zuid", "fte": 1.0}""";
        assertThat(post(a, "/api/coaches", coach).status).isEqualTo(201);
        double retriedBefore = retries(b, "gateway");

        Answer duplicate = post(b, "/api/coaches", coach);

        assertThat(duplicate.status).isEqualTo(409);
        assertThat(retries(b, "gateway")).isEqualTo(retriedBefore);
    }
}
