package nl.gezinscoaching.query.endtoend;

import nl.gezinscoaching.events.contact.VisitLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import nl.gezinscoaching.events.agency.FamilyReferredToAgency;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import nl.gezinscoaching.query.support.BothServices;
import nl.gezinscoaching.query.support.ViewClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event the read model cannot hold must not stop the management facts. The poisoned trajectory is
 * written straight into the event store, as a release without input bounds would have written it (the
 * command API refuses such texts): an agency name longer than its column. Its event goes to the
 * dead-letter queue, its later events wait behind it, and every other trajectory, in either segment of
 * the processor, is still projected; a database failure that a retry may cure dead-letters nothing; a
 * rebuild does not stall; after the cure, a retry projects the waiting events.
 * <p>
 * The tests run in order on one pair of services: each step starts from the state the previous left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonEventIT {

    private static final ObjectMapper STORED = AxonJdbcAutoConfiguration.storageObjectMapper();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** The processor's segments (application.yml): a trajectory's segment is its id's hash, masked. */
    private static final int SEGMENTS = 2;

    private static BothServices services;
    private static ViewClient views;
    private static JdbcClient db;
    private static DataSource dataSource;

    private static String poisoned;
    private static String agency;
    private static String brokenHandler;
    private static String before;
    private static final List<String> after = new ArrayList<>();

    @BeforeAll
    static void start() {
        services = BothServices.start();
        views = services.views;
        dataSource = services.postgres.getPostgresDatabase();
        db = JdbcClient.create(dataSource);
        assertThat(services.send("/api/coaches", "{\"coachId\": \"ada\", \"name\": \"Ada\", \"cluster\": \"Noord\", \"fte\": 1}")
                .statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    @Order(1)
    void aPoisonedTrajectoryIsDeadLetteredAndEveryOtherIsStillProjected() throws Exception {
        before = family();
        await("family before the poison projected", () -> assignments(before) == 1);

        // as an older release wrote it: an agency name longer than the read model's column
        int column = db.sql("""
                SELECT character_maximum_length FROM information_schema.columns
                WHERE table_name = 'rm_agency_referral' AND column_name = 'agency'""").query(Integer.class).single();
        agency = "Zorgaanbieder-" + "x".repeat(column + 30);
        poisoned = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            append(connection, poisoned, 0, new FamilyReferred(poisoned, TODAY.minusDays(60), aFamily(),
                    List.of(new Child("Kind", LocalDate.of(2015, 1, 1))), new Referrer("Arts", "JGZ"),
                    Set.of(ReferralReason.CHILD_SAFETY), false));
            append(connection, poisoned, 1, new CoachAssigned(poisoned, "ada", TODAY.minusDays(50)));
            append(connection, poisoned, 2, new FamilyReferredToAgency(poisoned, UUID.randomUUID().toString(),
                    agency, TODAY.minusDays(40)));
            append(connection, poisoned, 3, homeVisit(poisoned, 30));
            connection.commit();
        }
        // families recorded afterwards are projected, also in the poisoned trajectory's segment
        int sameSegment = 0;
        while (after.size() < 6 || sameSegment < 2) {
            String family = family();
            after.add(family);
            if (segment(family) == segment(poisoned)) {
                sameSegment++;
            }
        }
        for (String family : after) {
            await("family " + family + " projected", () -> assignments(family) == 1);
        }
        // the poisoned trajectory: its events before the poison projected, the poison and the next in the queue
        assertThat(assignments(poisoned)).isEqualTo(1);
        await("poisoned event dead-lettered", () -> letters(poisoned) == 2);
        assertThat(homeVisits(poisoned)).as("waits behind the poison").isZero();
    }

    @Test
    @Order(2)
    void thePoisonedTrajectorysLaterEventsWaitInTheirOrderWithoutTheirData() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            append(connection, poisoned, 4, homeVisit(poisoned, 20));
        }
        await("later event waits", () -> letters(poisoned) == 3);

        JsonNode list = views.json("/api/admin/dead-letters");
        List<JsonNode> letters = lettersOf(list, poisoned);
        assertThat(letters).extracting(l -> l.get("eventType").asString())
                .containsExactly("FamilyReferredToAgency", "HomeVisitHeld", "HomeVisitHeld");
        assertThat(letters).extracting(l -> l.get("aggregateSequence").asLong()).containsExactly(2L, 3L, 4L);
        assertThat(letters).extracting(l -> l.get("position").asLong()).containsExactly(1L, 2L, 3L);
        JsonNode first = letters.get(0);
        assertThat(first.get("processingGroup").asString()).isEqualTo("management-facts");
        assertThat(first.get("globalIndex").asLong()).isPositive();
        assertThat(first.get("causeType").asString()).isEqualTo("org.springframework.dao.DataIntegrityViolationException");
        assertThat(first.get("causeMessage").asString())
                .startsWith("SQLSTATE 22001 string_data_right_truncation")
                .endsWith("in INSERT INTO rm_agency_referral");
        assertThat(first.get("retries").asLong()).isZero();
        assertThat(first.get("enqueuedAt").asString()).isNotBlank();
        assertThat(letters.get(1).get("causeType").isNull()).as("waits: no cause of its own").isTrue();
        assertThat(list.toString()).as("no payload in the list").doesNotContain(agency.substring(0, 20));
        ViewClient.Answer tooMany = views.get("/api/admin/dead-letters?limit=5000", "application/json");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        assertThat(tooMany.json().get("errors").get(0).get("rule").asString()).isEqualTo("max");
        assertThat(db.sql("SELECT cause_message FROM dead_letter_entry").query(String.class).list())
                .noneMatch(m -> m != null && m.contains("Zorgaanbieder"));
    }

    @Test
    @Order(3)
    void aHandlerThatFailsOnAnEventIsDeadLetteredWithItsCodeLocation() throws Exception {
        brokenHandler = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection()) {
            // no family: the projection's handler reads family().district()
            append(connection, brokenHandler, 0, new FamilyReferred(brokenHandler, TODAY.minusDays(10), null,
                    List.of(), new Referrer("Arts", "JGZ"), Set.of(ReferralReason.CHILD_SAFETY), false));
        }
        await("handler failure dead-lettered", () -> letters(brokenHandler) == 1);
        JsonNode letter = lettersOf(views.json("/api/admin/dead-letters"), brokenHandler).get(0);
        assertThat(letter.get("causeType").asString()).isEqualTo("java.lang.NullPointerException");
        assertThat(letter.get("causeMessage").asString()).startsWith("NullPointerException at ManagementFactsProjection.on(");
        String another = family();
        await("and the processor goes on", () -> assignments(another) == 1);
        after.add(another);
    }

    @Test
    @Order(4)
    void healthShowsTheDeadLettersButKeepsTheInstanceInService() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(queryUrl("/actuator/health"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymous.body()).get("status").asString()).isEqualTo("DEGRADED");
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(queryUrl("/actuator/health/readiness"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).get("status").asString()).isEqualTo("UP");

        JsonNode component = views.json("/actuator/health").get("components").get("deadLetters");
        assertThat(component.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(component.get("details").get("management-facts").get("sequences").asLong()).isEqualTo(2);
        assertThat(component.get("details").get("management-facts").get("letters").asLong()).isEqualTo(4);

        MeterRegistry meters = services.queryService.getBean(MeterRegistry.class);
        assertThat(meters.get("dead.letter.sequences").tag("processing.group", "management-facts").gauge().value())
                .isEqualTo(2.0);
        assertThat(meters.get("dead.letters").tag("processing.group", "management-facts").gauge().value())
                .isEqualTo(4.0);
        assertThat(meters.getMeters()).flatExtracting(m -> m.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains(poisoned) || tag.getValue().contains(brokenHandler));
    }

    @Test
    @Order(5)
    void aDatabaseFailureThatARetryMayCureDeadLettersNothing() throws Exception {
        String visited = after.get(0);
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE rm_home_visit IN ACCESS EXCLUSIVE MODE");
            }
            assertThat(services.send("/api/trajectories/" + visited + "/home-visits", """
                    {"visitedOn": "%s", "durationMinutes": 60, "interpreterUsed": false, "summary": "Verslag"}"""
                    .formatted(TODAY.minusDays(1))).statusCode()).isEqualTo(201);
            // the processor's insert waits for the lock: cancel it, as a statement timeout would, twice
            // (the batch, and the processor's retry of it after its back-off)
            Instant deadline = Instant.now().plus(DEADLINE);
            for (int cancelled = 0; cancelled < 2; ) {
                List<String> waiting = db.sql("""
                        SELECT pid || ' ' || query_start FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO rm_home_visit%'""")
                        .query(String.class).list();
                if (!waiting.isEmpty()) {
                    String statement = waiting.get(0);
                    int pid = Integer.parseInt(statement.substring(0, statement.indexOf(' ')));
                    db.sql("SELECT pg_cancel_backend(?)").param(pid).query(Boolean.class).single();
                    cancelled++;
                    await("cancelled statement ended", () -> !db.sql("""
                            SELECT pid || ' ' || query_start FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO rm_home_visit%'""")
                            .query(String.class).list().contains(statement));
                }
                assertThat(Instant.now()).as("the processor waits for the lock").isBefore(deadline);
                Thread.sleep(20);
            }
            locker.rollback();
        }
        await("home visit projected after the lock", () -> homeVisits(visited) == 1);
        assertThat(letters(visited)).isZero();
        assertThat(db.sql("SELECT count(DISTINCT sequence_identifier) FROM dead_letter_entry").query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    @Order(6)
    void aRebuildDoesNotStallOnThePoisonedTrajectory() throws Exception {
        assertThat(views.post("/api/admin/rebuild").status()).isEqualTo(202);
        await("rebuild finished", () -> views.json("/api/admin/rebuild").get("state").asString().equals("FINISHED"));
        for (String family : after) {
            await("family " + family + " projected again", () -> assignments(family) == 1);
        }
        assertThat(assignments(before)).isEqualTo(1);
        assertThat(assignments(poisoned)).isEqualTo(1);
        // the queue was emptied by the reset, and the replay dead-lettered the same events again
        await("poison dead-lettered again", () -> letters(poisoned) == 3 && letters(brokenHandler) == 1);
        assertThat(db.sql("SELECT count(*) FROM dead_letter_entry").query(Long.class).single()).isEqualTo(4);
    }

    @Test
    @Order(7)
    void aRetryAfterTheCureProjectsTheWaitingEventsInOrder() throws Exception {
        assertThat(views.post("/api/admin/dead-letters/" + UUID.randomUUID() + "/retry").status()).isEqualTo(404);

        db.sql("ALTER TABLE rm_agency_referral ALTER COLUMN agency TYPE VARCHAR(" + (agency.length() + 100) + ")")
                .update();
        ViewClient.Answer retry = views.post("/api/admin/dead-letters/" + poisoned + "/retry");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("cleared").asInt()).isEqualTo(1);

        assertThat(letters(poisoned)).isZero();
        assertThat(db.sql("SELECT agency FROM rm_agency_referral WHERE trajectory_id = ?").param(poisoned)
                .query(String.class).single()).isEqualTo(agency);
        assertThat(db.sql("SELECT sequence FROM rm_home_visit WHERE trajectory_id = ? ORDER BY sequence")
                .param(poisoned).query(Long.class).list()).containsExactly(3L, 4L);

        // and the trajectory is no longer held back: its next event is projected as it comes
        try (Connection connection = dataSource.getConnection()) {
            append(connection, poisoned, 5, homeVisit(poisoned, 10));
        }
        await("next event projected", () -> homeVisits(poisoned) == 3);
        assertThat(letters(poisoned)).isZero();
    }

    @Test
    @Order(8)
    void aLetterThatFailsAgainIsKeptWithItsNewCauseAndRetryCount() throws Exception {
        ViewClient.Answer retry = views.post("/api/admin/dead-letters/retry");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("retried").asInt()).isEqualTo(1);
        assertThat(retry.json().get("cleared").asInt()).isZero();
        assertThat(retry.json().get("remaining").get(0).asString()).isEqualTo(brokenHandler);

        JsonNode letter = lettersOf(views.json("/api/admin/dead-letters"), brokenHandler).get(0);
        assertThat(letter.get("retries").asLong()).isEqualTo(1);
        assertThat(letter.get("causeType").asString()).isEqualTo("java.lang.NullPointerException");
        assertThat(letter.get("lastTouched").asString()).isGreaterThan(letter.get("enqueuedAt").asString());
    }

    // --- helpers

    private static Family aFamily() {
        return new Family(null, "Familie Gif", "Escamp", "nl", false, MigrationGeneration.NONE);
    }

    private static HomeVisitHeld homeVisit(String trajectory, int daysAgo) {
        return new HomeVisitHeld(trajectory, UUID.randomUUID().toString(), TODAY.minusDays(daysAgo), 60, false, null, VisitLocation.HOME);
    }

    /** A family referred and assigned to ada through the command API. */
    private static String family() {
        HttpResponse<String> referred = services.send("/api/referrals", """
                {"family": {"name": "Familie Test", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2016-04-04"}],
                 "referrer": {"name": "Jeugdarts", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%s"}""".formatted(TODAY.minusDays(30)));
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        String id = JSON.readTree(referred.body()).get("trajectoryId").asString();
        assertThat(services.send("/api/trajectories/" + id + "/assignment",
                "{\"coachId\": \"ada\", \"assignedOn\": \"%s\"}".formatted(TODAY.minusDays(20))).statusCode())
                .isEqualTo(200);
        return id;
    }

    private static int segment(String trajectory) {
        return trajectory.hashCode() & (SEGMENTS - 1);
    }

    private static void append(Connection connection, String trajectory, long sequence, Object event) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Trajectory', ?, ?, '1', ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, trajectory);
            insert.setLong(3, sequence);
            insert.setString(4, Instant.now().toString());
            insert.setString(5, event.getClass().getName());
            insert.setBytes(6, STORED.writeValueAsBytes(event));
            insert.setBytes(7, "{\"recordedBy\":\"older-release\"}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private static long assignments(String trajectory) {
        return db.sql("SELECT count(*) FROM rm_assignment WHERE trajectory_id = ?").param(trajectory)
                .query(Long.class).single();
    }

    private static long homeVisits(String trajectory) {
        return db.sql("SELECT count(*) FROM rm_home_visit WHERE trajectory_id = ?").param(trajectory)
                .query(Long.class).single();
    }

    private static long letters(String trajectory) {
        return db.sql("SELECT count(*) FROM dead_letter_entry WHERE sequence_identifier = ?").param(trajectory)
                .query(Long.class).single();
    }

    private static List<JsonNode> lettersOf(JsonNode list, String trajectory) {
        List<JsonNode> letters = new ArrayList<>();
        list.get("letters").forEach(l -> {
            if (l.get("sequence").asString().equals(trajectory)) {
                letters.add(l);
            }
        });
        return letters;
    }

    private static String queryUrl(String path) {
        return "http://localhost:" + services.queryService.getEnvironment().getProperty("local.server.port") + path;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(25);
        }
    }
}
