package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.platform.database.DatabaseBackup;
import nl.gezinscoaching.query.support.BothServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backup and restore (platform {@code DatabaseBackup}, as deploy/backup.sh and restore.sh run it) on both
 * services and one embedded PostgreSQL: a backup taken while the services run restores into a fresh database
 * with the same views and histories; and a backup taken before an erasure, restored, does not bring the
 * family back: at start-up the erasure register destroys its key again and completes its history.
 */
class BackupRestoreIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final List<String> VIEWS = List.of("/api/caseload", "/api/overruns", "/api/waiting-list",
            "/api/quality-report?from=" + TODAY.minusYears(1), "/api/retention", "/api/analytics/durations");

    private static BothServices services;
    private static Path backup;
    private static String erased;
    private static String kept;
    private static Map<String, JsonNode> viewsAtBackup;

    @BeforeAll
    static void start() throws Exception {
        services = BothServices.start();
        assertThat(services.send("/api/coaches", "{\"coachId\": \"ada\", \"name\": \"Ada\", \"cluster\": \"Noord\", \"fte\": 1}")
                .statusCode()).isEqualTo(201);
        erased = aFamily("Zwaluw");
        kept = aFamily("Merel");
        awaitProjected();
        backup = Files.createTempDirectory("backup").resolve("platform.backup");
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection()) {
            DatabaseBackup.Summary summary = DatabaseBackup.backup(connection, backup);
            assertThat(summary.rowsPerTable()).containsKeys("domain_event_entry", "family_key", "token_entry", "rm_trajectory",
                    "flyway_history_command");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).as("owner-only")
                .isEqualTo("rw-------");
        try (var beside = Files.list(backup.getParent())) {
            assertThat(beside).as("no partial left").containsExactly(backup);
        }
        viewsAtBackup = viewsAndHistories(services);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void aBackupRestoredIntoAFreshDatabaseGivesTheSameViewsAndHistories() throws Exception {
        try (BothServices restored = services.onAnotherDatabase()) {
            restored.stopServices(); // the schema is the services' migrations; the data comes from the backup
            try (Connection connection = restored.postgres.getPostgresDatabase().getConnection()) {
                DatabaseBackup.restore(connection, backup);
            }
            restored.startServices();
            assertThat(viewsAndHistories(restored)).isEqualTo(viewsAtBackup);
            // the restored event store goes on where the backup ended
            assertThat(restored.send("/api/trajectories/" + kept + "/aftercare-calls",
                    "{\"calledOn\": \"%s\", \"wellbeing\": \"GOOD\"}".formatted(TODAY)).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void aBackupFromBeforeAnErasureDoesNotBringTheFamilyBack() throws Exception {
        assertThat(services.send("/api/families/" + erased + "/erasure",
                "{\"requester\": \"PARENT\", \"legalGround\": \"AVG art. 17\"}").statusCode()).isEqualTo(200);
        assertThat(Files.readString(services.erasureRegister)).contains(erased).doesNotContain("Zwaluw");
        Map<String, JsonNode> afterErasure = awaitViewsAfterErasure();

        services.stopServices();
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection()) {
            DatabaseBackup.restore(connection, backup);
        }
        assertThat(count("SELECT count(*) FROM family_key WHERE subject_id = '" + erased + "'"))
                .as("the older backup brought the family's key back").isEqualTo(1);
        assertThat(erasureEvents()).as("and holds no erasure").isZero();

        services.startServices();
        assertThat(count("SELECT count(*) FROM family_key WHERE subject_id = '" + erased + "'")).isZero();
        assertThat(count("SELECT count(*) FROM family_key WHERE subject_id = '" + kept + "'")).isEqualTo(1);
        assertThat(erasureEvents()).as("the erasure is in the history again, once").isEqualTo(1);

        JsonNode history = services.views.json("/api/trajectories/" + erased + "/history").get("events");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("type").asString()).isEqualTo("PersonalDataErased");
        assertThat(last.get("recordedBy").asString()).isEqualTo("erasure-register");
        assertThat(last.get("data").get("legalGround").asString()).isEqualTo("AVG art. 17");
        assertThat(history.toString()).doesNotContain("Zwaluw");
        assertThat(history.get(0).get("data").get("family").get("name").isNull()).isTrue();
        assertThat(history.get(0).get("data").get("family").get("district").asString()).isEqualTo("Escamp");
        assertThat(services.views.get("/api/trajectories/" + kept + "/history", "application/json").body())
                .contains("Familie Merel", "VerslagMerel");
        Map<String, JsonNode> now = viewsAndHistories(services);
        assertThat(withoutRecording(now)).as("views and histories as after the erasure").isEqualTo(withoutRecording(afterErasure));
        // nothing more can be recorded on the erased trajectory
        assertThat(services.send("/api/trajectories/" + erased + "/aftercare-calls",
                "{\"calledOn\": \"%s\", \"wellbeing\": \"GOOD\"}".formatted(TODAY)).statusCode()).isEqualTo(409);
    }

    private static String aFamily(String marker) {
        HttpResponse<String> referred = services.send("/api/referrals", """
                {"family": {"reference": "REF-%1$s", "name": "Familie %1$s", "district": "Escamp", "language": "ar",
                            "interpreterNeeded": true, "migrationGeneration": "FIRST"},
                 "children": [{"name": "Kind%1$s", "birthDate": "2013-07-19"}],
                 "referrer": {"name": "Dokter%1$s", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%2$s"}""".formatted(marker, TODAY.minusDays(100)));
        assertThat(referred.statusCode()).isEqualTo(201);
        String id = JsonMapper.builder().build().readTree(referred.body()).get("trajectoryId").asString();
        String t = "/api/trajectories/" + id;
        assertThat(services.send(t + "/assignment", "{\"coachId\": \"ada\", \"assignedOn\": \"%s\"}"
                .formatted(TODAY.minusDays(90))).statusCode()).isEqualTo(200);
        assertThat(services.send(t + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 60, "interpreterUsed": true, "summary": "Verslag%s", "location": "SCHOOL"}"""
                .formatted(TODAY.minusDays(80), marker)).statusCode()).isEqualTo(201);
        assertThat(services.send(t + "/goals", """
                {"description": "Doel%s", "lifeDomain": "PARENTING", "setOn": "%s", "subgoals": ["PARENTING_CONFIDENCE"]}"""
                .formatted(marker, TODAY.minusDays(70))).statusCode()).isEqualTo(201);
        assertThat(services.send(t + "/closure", """
                {"closedOn": "%s", "reason": "FAMILY_IN_CONTROL", "clientSatisfaction": 8}""".formatted(TODAY.minusDays(10)))
                .statusCode()).isEqualTo(200);
        return id;
    }

    private static void awaitProjected() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (services.views.json("/api/quality-report?from=" + TODAY.minusYears(1)).get("familiesClosed").asInt() < 2) {
            assertThat(Instant.now()).as("projections caught up").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static Map<String, JsonNode> awaitViewsAfterErasure() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (services.views.get("/api/trajectories/" + erased + "/history", "application/json").body().contains("Zwaluw")) {
            assertThat(Instant.now()).as("erasure read").isBefore(deadline);
            Thread.sleep(50);
        }
        return viewsAndHistories(services);
    }

    private static Map<String, JsonNode> viewsAndHistories(BothServices on) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String view : VIEWS) {
            answers.put(view, on.views.json(view));
        }
        for (String trajectory : List.of(erased, kept)) {
            String path = "/api/trajectories/" + trajectory + "/history";
            answers.put(path, on.views.json(path));
        }
        return answers;
    }

    /** The erasure event appended at start-up has its own time and author: compare what it says. */
    private static Map<String, String> withoutRecording(Map<String, JsonNode> answers) {
        Map<String, String> compared = new LinkedHashMap<>();
        answers.forEach((path, answer) -> compared.put(path, answer.toString()
                .replaceAll("\"recordedAt\":\"[^\"]*\",\"recordedBy\":\"(admin|erasure-register)\",\"data\":\\{\"trajectoryId\":\"[^\"]*\",\"erasedOn\"",
                        "\"erasure\":{\"erasedOn\"")));
        return compared;
    }

    private static long erasureEvents() throws Exception {
        return count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + erased
                + "' AND payload_type = 'nl.gezinscoaching.events.privacy.PersonalDataErased'");
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection();
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
