package nl.gezinscoaching.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.command.trajectory.DeclineReferralCommand;
import nl.gezinscoaching.command.trajectory.FamilyReferences;
import nl.gezinscoaching.command.trajectory.ReferFamilyCommand;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database left by an earlier release gets the newer shared event-store migrations, although this
 * service's own migrations (V100 and up) were applied after the shared ones it had then, and its
 * stored data is brought up to the current rules.
 */
class DatabaseUpgradeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    @Test
    void aDatabaseFromBeforeKeyWrappingIsMigratedAndItsKeysWrapped() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(null, 0)) {
            start(postgres).close();
            // the database as the release before key wrapping left it: V3 not applied, data keys as they are
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE family_key DROP COLUMN wrapped_by");
                statement.execute("DELETE FROM flyway_history_command WHERE version = '3'");
                statement.execute("INSERT INTO family_key (subject_id, key_bytes) VALUES ('legacy-family', '\\x"
                        + "07".repeat(32) + "')");
            }

            start(postgres).close();

            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT wrapped_by, length(key_bytes) FROM family_key WHERE subject_id = 'legacy-family'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("development");
                assertThat(rows.getInt(2)).isEqualTo(40);
            }
        }
    }

    /**
     * Before V101 the coach directory had no cluster and there was no table of who guides which trajectory;
     * V101 added both empty. The upgrade fills them from the event store: each coach's cluster from
     * CoachRegistered, each trajectory's coach from its assignments.
     */
    @Test
    void aDatabaseFromBeforeTrajectoryAccessGetsItsCoachesClustersAndItsTrajectoriesCoachesBack() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(null, 0)) {
            String earlier;
            try (ConfigurableApplicationContext release = start(postgres)) {
                String url = baseUrl(release);
                for (String coach : new String[] {"anna:Noord", "bram:Zuid", "sanne:Noord"}) {
                    String[] parts = coach.split(":");
                    assertThat(post(url, "admin", "/api/coaches", """
                            {"coachId": "%s", "name": "%s", "cluster": "%s", "fte": 1}"""
                            .formatted(parts[0], parts[0], parts[1])).statusCode()).isEqualTo(201);
                }
                earlier = refer(url);
                assertThat(post(url, "admin", "/api/trajectories/" + earlier + "/assignment",
                        "{\"coachId\": \"anna\", \"assignedOn\": \"%s\"}".formatted(TODAY.minusDays(5))).statusCode())
                        .isEqualTo(200);
            }
            // the database as the release before V101 left it: coach ids only, no trajectory access table
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS trajectory_access, access_trajectory, access_coach");
                statement.execute("CREATE TABLE IF NOT EXISTS coach_directory (coach_id VARCHAR(255) PRIMARY KEY)");
                statement.execute("ALTER TABLE coach_directory DROP COLUMN IF EXISTS cluster");
                statement.execute("INSERT INTO coach_directory VALUES ('anna'), ('bram'), ('sanne') ON CONFLICT DO NOTHING");
                statement.execute("DELETE FROM flyway_history_command WHERE version IN ('4', '101', '102')");
            }

            try (ConfigurableApplicationContext upgraded = start(postgres)) {
                String url = baseUrl(upgraded);
                String waiting = refer(url);
                assertThat(post(url, "sanne", "/api/trajectories/" + waiting + "/assignment",
                        "{\"coachId\": \"bram\", \"assignedOn\": \"%s\"}".formatted(TODAY)).statusCode())
                        .as("a senior coach assigns a coach of another cluster").isEqualTo(403);
                assertThat(post(url, "sanne", "/api/trajectories/" + waiting + "/assignment",
                        "{\"coachId\": \"anna\", \"assignedOn\": \"%s\"}".formatted(TODAY)).statusCode())
                        .as("a senior coach assigns a coach of their cluster").isEqualTo(200);
                assertThat(post(url, "anna", "/api/trajectories/" + earlier + "/home-visits",
                        "{\"visitedOn\": \"%s\", \"durationMinutes\": 30, \"interpreterUsed\": false}".formatted(TODAY))
                        .statusCode()).as("the coach of a trajectory assigned before the upgrade").isEqualTo(201);
                assertThat(post(url, "bram", "/api/trajectories/" + earlier + "/home-visits",
                        "{\"visitedOn\": \"%s\", \"durationMinutes\": 30, \"interpreterUsed\": false}".formatted(TODAY))
                        .statusCode()).as("another coach").isEqualTo(403);
            }
        }
    }

    private static String refer(String url) throws Exception {
        HttpResponse<String> referred = post(url, "admin", "/api/referrals", """
                {"family": {"name": "Familie", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2015-01-01"}],
                 "referrer": {"name": "Arts", "organisation": "JGZ"}, "reasons": ["CHILD_SAFETY"],
                 "receivedOn": "%s"}""".formatted(TODAY.minusDays(10)));
        assertThat(referred.statusCode()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(referred.body()).get("trajectoryId").asString();
    }

    private static String baseUrl(ConfigurableApplicationContext service) {
        return "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
    }

    private static HttpResponse<String> post(String url, String user, String path, String json)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sha256ClientNumberDigestsOfAnOlderDatabaseBecomeKeyedOrAreDeleted() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(null, 0)) {
            String open;
            String declined;
            String erasedKey;
            String referenceKey;
            try (ConfigurableApplicationContext app = start(postgres)) {
                referenceKey = app.getEnvironment().getProperty("platform.crypto.reference-key");
                CommandGateway commands = app.getBean(CommandGateway.class);
                open = refer(commands, "UPG-OPEN-1");
                declined = refer(commands, "UPG-DECLINED-2");
                erasedKey = refer(commands, "UPG-ERASED-3");
                commands.sendAndWait(new DeclineReferralCommand(declined, LocalDate.now().minusDays(1), "contra-indicatie"));
            }
            // the database as the release before the keyed digests left it: V103 not applied, plain SHA-256
            // digests, a declined trajectory's row kept and marked not open
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM flyway_history_command WHERE version = '103'");
                statement.execute(oldRow(open, "UPG-OPEN-1", true));
                statement.execute(oldRow(declined, "UPG-DECLINED-2", false));
                statement.execute(oldRow(erasedKey, "UPG-ERASED-3", true));
                // an open family whose key is gone: its number cannot be read back
                statement.execute("DELETE FROM family_key WHERE subject_id = '" + erasedKey + "'");
            }

            try (ConfigurableApplicationContext app = start(postgres)) {
                FamilyReferences references = app.getBean(FamilyReferences.class);
                assertThat(references.hasOpenTrajectory("upg-open-1 ")).isTrue();
                assertThat(references.hasOpenTrajectory("UPG-DECLINED-2")).isFalse();
            }

            Map<String, String> digests = new HashMap<>();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT trajectory_id, reference_digest FROM family_reference")) {
                while (rows.next()) {
                    digests.put(rows.getString(1), rows.getString(2));
                }
            }
            assertThat(digests).containsOnlyKeys(open);
            assertThat(digests.get(open)).isEqualTo(hmac(referenceKey, "UPG-OPEN-1")).isNotEqualTo(sha256("UPG-OPEN-1"));
        }
    }

    private static String oldRow(String trajectoryId, String reference, boolean open) throws Exception {
        return """
                INSERT INTO family_reference (trajectory_id, reference_digest, open) VALUES ('%s', '%s', %s)
                ON CONFLICT (trajectory_id) DO UPDATE SET reference_digest = EXCLUDED.reference_digest, open = EXCLUDED.open"""
                .formatted(trajectoryId, sha256(reference), open);
    }

    private static String refer(CommandGateway commands, String reference) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new ReferFamilyCommand(id, LocalDate.now().minusDays(3),
                new Family(reference, "Familie Upgrade", "Escamp", "nl", false, MigrationGeneration.NONE),
                List.of(new Child("Kind", LocalDate.of(2016, 1, 1))), new Referrer("Arts", "JGZ"),
                Set.of(ReferralReason.CARE_COORDINATION), false));
        return id;
    }

    /** The digest the release before the reference key stored: unkeyed SHA-256 of the normalised number. */
    private static String sha256(String reference) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(reference.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hmac(String base64Key, String reference) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(reference.getBytes(StandardCharsets.UTF_8)));
    }

    private static ConfigurableApplicationContext start(EmbeddedPostgres postgres) {
        return CommandServiceApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres");
    }
}
