package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.gezinscoaching.query.support.BothServices;
import nl.gezinscoaching.query.support.ViewClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasure by crypto-shredding, end to end: after a family's erasure no API answer, read-model table or
 * raw event row contains its names, birth dates or free text, and a rebuild of the read models does not
 * bring them back; another family's data is untouched.
 */
class ErasureIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    private static BothServices services;
    private static EmbeddedPostgres postgres;
    private static ViewClient views;

    @BeforeAll
    static void start() {
        services = BothServices.start();
        postgres = services.postgres;
        views = services.views;
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static HttpResponse<String> send(String path, String json) {
        return services.send(path, json);
    }

    /** A family whose every personal field carries the marker, so a search can find any leftover. */
    private static String aFamily(String marker) throws Exception {
        HttpResponse<String> referred = send("/api/referrals", """
                {"family": {"reference": "REF-%1$s", "name": "Familie %1$s", "district": "Escamp", "language": "ar",
                            "interpreterNeeded": true, "migrationGeneration": "FIRST"},
                 "children": [{"name": "Kind%1$s", "birthDate": "2013-07-19"}],
                 "referrer": {"name": "Dokter%1$s", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%2$s"}""".formatted(marker, TODAY.minusDays(100)));
        assertThat(referred.statusCode()).isEqualTo(201);
        String id = JsonMapper.builder().build().readTree(referred.body()).get("trajectoryId").asString();
        String t = "/api/trajectories/" + id;
        assertThat(send(t + "/assignment", "{\"coachId\": \"ada\", \"assignedOn\": \"%s\"}".formatted(TODAY.minusDays(90)))
                .statusCode()).isEqualTo(200);
        assertThat(send(t + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 60, "interpreterUsed": true, "summary": "Verslag%s"}"""
                .formatted(TODAY.minusDays(80), marker)).statusCode()).isEqualTo(201);
        assertThat(send(t + "/goals", """
                {"description": "Doel%s", "lifeDomain": "FINANCES", "setOn": "%s"}""".formatted(marker, TODAY.minusDays(70)))
                .statusCode()).isEqualTo(201);
        assertThat(send(t + "/closure", """
                {"closedOn": "%s", "reason": "FAMILY_IN_CONTROL", "clientSatisfaction": 8}""".formatted(TODAY.minusDays(10)))
                .statusCode()).isEqualTo(200);
        assertThat(send(t + "/aftercare-calls", """
                {"calledOn": "%s", "wellbeing": "STABLE", "notes": "Nazorg%s"}""".formatted(TODAY.minusDays(5), marker))
                .statusCode()).isEqualTo(201);
        return id;
    }

    @Test
    void anErasedFamilyIsGoneFromEveryAnswerTableAndEventWhileAnotherFamilyRemains() throws Exception {
        assertThat(send("/api/coaches", "{\"coachId\": \"ada\", \"name\": \"Ada\", \"cluster\": \"Noord\", \"fte\": 1}")
                .statusCode()).isEqualTo(201);
        String erased = aFamily("Zwaluw");
        String kept = aFamily("Merel");
        awaitProjected(erased, kept);
        // before: the history shows the family's data
        assertThat(views.get("/api/trajectories/" + erased + "/history", "application/json").body()).contains("Zwaluw");

        HttpResponse<String> erasure = send("/api/families/" + erased + "/erasure",
                "{\"requester\": \"PARENT\", \"legalGround\": \"AVG art. 17\"}");
        assertThat(erasure.statusCode()).isEqualTo(200);
        assertThat(send("/api/families/" + erased + "/erasure", "{\"requester\": \"PARENT\", \"legalGround\": \"AVG art. 17\"}")
                .statusCode()).as("erasing twice").isEqualTo(409);
        assertThat(send("/api/trajectories/" + erased + "/aftercare-calls",
                "{\"calledOn\": \"%s\", \"wellbeing\": \"GOOD\", \"notes\": \"Zwaluw\"}".formatted(TODAY)).statusCode())
                .as("nothing new after erasure").isEqualTo(409);
        awaitHistoryWithout(erased, "Zwaluw");

        assertErasedEverywhere(erased);
        // the history keeps the events, dates and codes
        var history = views.json("/api/trajectories/" + erased + "/history").get("events");
        List<String> types = new ArrayList<>();
        history.forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld", "GoalSet",
                "TrajectoryClosed", "AftercareCallLogged", "PersonalDataErased");
        assertThat(history.get(0).get("data").get("family").get("name").isNull()).isTrue();
        assertThat(history.get(0).get("data").get("family").get("district").asString()).isEqualTo("Escamp");
        assertThat(history.get(2).get("occurredOn").asString()).isEqualTo(TODAY.minusDays(80).toString());
        assertThat(history.get(2).get("data").get("summary").isNull()).isTrue();

        // the other family is untouched: readable through the API (and, like every family, encrypted at rest)
        String keptHistory = views.get("/api/trajectories/" + kept + "/history", "application/json").body();
        assertThat(keptHistory).contains("Familie Merel", "KindMerel", "2013-07-19", "DokterMerel", "VerslagMerel",
                "DoelMerel", "NazorgMerel", "REF-Merel");
        assertThat(rawEvents()).doesNotContain("Merel");

        assertThat(views.post("/api/admin/rebuild").status()).isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!views.json("/api/admin/rebuild").get("state").asString().equals("FINISHED")) {
            assertThat(Instant.now()).as("rebuild finished").isBefore(deadline);
            Thread.sleep(50);
        }
        assertErasedEverywhere(erased);
        assertThat(views.get("/api/trajectories/" + kept + "/history", "application/json").body()).contains("Familie Merel");
    }

    private static void assertErasedEverywhere(String erased) throws Exception {
        List<String> answers = new ArrayList<>();
        for (String path : List.of("/api/trajectories/" + erased + "/history", "/api/caseload", "/api/overruns",
                "/api/waiting-list", "/api/quality-report", "/api/retention", "/api/families/" + erased + "/reads",
                "/api/analytics/durations")) {
            answers.add(views.get(path, "application/json").body());
            answers.add(views.get(path, "text/csv").body());
        }
        for (String secret : List.of("Zwaluw", "2013-07-19")) {
            assertThat(answers).as("API answers").noneMatch(answer -> answer.contains(secret));
            assertThat(readModelTables()).as("read-model tables").doesNotContain(secret);
            assertThat(rawEvents()).as("raw event rows").doesNotContain(secret);
        }
    }

    private static void awaitProjected(String... trajectories) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (String trajectory : trajectories) {
            while (views.get("/api/trajectories/" + trajectory + "/history", "application/json").status() != 200
                    || !views.json("/api/waiting-list").toString().contains("asOf")) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(50);
            }
        }
        while (views.json("/api/quality-report?from=" + TODAY.minusYears(1)).get("familiesClosed").asInt() < 2) {
            assertThat(Instant.now()).as("projections caught up").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitHistoryWithout(String trajectory, String secret) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (views.get("/api/trajectories/" + trajectory + "/history", "application/json").body().contains(secret)) {
            assertThat(Instant.now()).as("query service forgot the key").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** Every row of every table of the public schema except the event store's, as text. */
    private static String readModelTables() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                      AND table_name NOT IN ('domain_event_entry', 'snapshot_event_entry')""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("rm_trajectory", "read_audit", "family_reference", "token_entry");
            for (String table : tables) {
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT t::text FROM \"" + table + "\" t")) {
                    while (rows.next()) {
                        all.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static String rawEvents() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT payload, meta_data FROM domain_event_entry")) {
            while (rows.next()) {
                all.append(new String(rows.getBytes(1), StandardCharsets.UTF_8))
                        .append(new String(rows.getBytes(2), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }
}
