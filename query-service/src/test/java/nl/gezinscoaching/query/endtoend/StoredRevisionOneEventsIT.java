package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.gezinscoaching.query.support.BothServices;
import nl.gezinscoaching.query.support.StoredRows;
import nl.gezinscoaching.query.support.ViewClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Events of revision 1 as the services wrote them in December 2026 (fixture
 * {@code stored-events/revision-1-2026-12-02.json}, with encrypted personal fields and the family's wrapped
 * key) read through today's code: the aggregate loads them, the read models project them and are rebuilt
 * from them, and the history shows them at revision 2 with the defaults of the upcasters and the personal
 * fields decrypted.
 */
class StoredRevisionOneEventsIT {

    private static final String TRAJECTORY = "be5788b0-4649-4c37-8a8c-0865d6072cee";
    private static final String PERIOD = "/api/quality-report?from=2026-09-01&to=2026-11-30";

    private static BothServices services;
    private static ViewClient views;

    @BeforeAll
    static void start() {
        // one family in the store: the export's k-anonymity rule (tested in EventExportIT) would withhold it
        System.setProperty("analytics.k-anonymity.k", "1");
        services = BothServices.start();
        views = services.views;
        StoredRows.of("revision-1-2026-12-02.json").insertInto(services.postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() {
        services.close();
        System.clearProperty("analytics.k-anonymity.k");
    }

    @Test
    void theFixtureHoldsRevisionOneOfBothChangedEvents() {
        List<String> stored = new ArrayList<>();
        StoredRows.of("revision-1-2026-12-02.json").events().forEach(e ->
                stored.add(e.get("payloadType").asString().replaceAll(".*\\.", "") + "@" + e.get("payloadRevision").asString()));
        assertThat(stored).contains("HomeVisitHeld@1", "GoalSet@1").doesNotContain("HomeVisitHeld@2", "GoalSet@2");
    }

    @Test
    void theHistoryShowsRevisionOneEventsAsRevisionTwoWithTheirPersonalFieldsDecrypted() {
        JsonNode events = views.json("/api/trajectories/" + TRAJECTORY + "/history").get("events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asString()));
        assertThat(types.subList(0, 8)).as("the stored stream (an aftercare call may follow)").containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld", "GoalSet", "GoalEvaluated",
                "FamilyPlanAgreed", "HomeVisitHeld", "TrajectoryClosed");

        JsonNode visit = events.get(2);
        assertThat(visit.get("revision").asString()).isEqualTo("2");
        assertThat(visit.get("data").get("location").asString()).isEqualTo("HOME");
        assertThat(visit.get("data").get("summary").asString()).isEqualTo("Kennismaking met moeder en Noor");
        assertThat(visit.get("data").get("durationMinutes").asInt()).isEqualTo(75);
        assertThat(events.get(6).get("data").get("location").asString()).isEqualTo("HOME");

        JsonNode goal = events.get(3);
        assertThat(goal.get("revision").asString()).isEqualTo("2");
        assertThat(goal.get("data").get("subgoals").isArray()).isTrue();
        assertThat(goal.get("data").get("subgoals").size()).as("not linked").isZero();
        assertThat(goal.get("data").get("description").asString()).isEqualTo("Moeder voelt zich zekerder in de opvoeding");
        assertThat(events.get(0).get("data").get("family").get("name").asString()).isEqualTo("Familie Vroeg");
        assertThat(events.get(0).get("recordedBy").asString()).isEqualTo("admin");
    }

    @Test
    void theAggregateLoadsFromRevisionOneEvents() {
        // the closure is known from the stored stream: a visit is refused, an aftercare call accepted
        assertThat(services.send("/api/trajectories/" + TRAJECTORY + "/home-visits", """
                {"visitedOn": "2026-11-26", "durationMinutes": 30, "interpreterUsed": false}""").statusCode())
                .isEqualTo(409);
        assertThat(services.send("/api/trajectories/" + TRAJECTORY + "/aftercare-calls", """
                {"calledOn": "2026-11-30", "wellbeing": "STABLE"}""").statusCode()).isEqualTo(201);
        JsonNode events = views.json("/api/trajectories/" + TRAJECTORY + "/history").get("events");
        assertThat(events.get(events.size() - 1).get("type").asString()).isEqualTo("AftercareCallLogged");
        assertThat(events.get(events.size() - 1).get("sequence").asLong()).isEqualTo(8);
    }

    @Test
    void theReadModelsProjectRevisionOneEventsAndARebuildGivesTheSameViews() throws Exception {
        JsonNode report = awaitReport();
        assertThat(report.get("homeVisits").asInt()).isEqualTo(2);
        assertThat(report.get("goalsSet").asInt()).isEqualTo(1);
        assertThat(report.get("goalAttainment").get("FULLY").asInt()).isEqualTo(1);
        String caseload = views.json("/api/caseload?asOf=2026-10-01").toString();
        assertThat(caseload).contains("anna");

        assertThat(views.post("/api/admin/rebuild").status()).isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!views.json("/api/admin/rebuild").get("state").asString().equals("FINISHED")) {
            assertThat(Instant.now()).as("rebuild finished").isBefore(deadline);
            Thread.sleep(50);
        }
        assertThat(views.json(PERIOD)).isEqualTo(report);
        assertThat(views.json("/api/caseload?asOf=2026-10-01").toString()).isEqualTo(caseload);
    }

    /** Dated after the period and the caseload day the other tests compare, so it does not change them. */
    @Test
    void newGoalsAndVisitsAreStoredAtRevisionTwoWithWhatTheCommandNamed() {
        var referred = services.send("/api/referrals", """
                {"family": {"name": "Familie Nu", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Sem", "birthDate": "2016-01-02"}],
                 "referrer": {"name": "M. Jansen", "organisation": "JGZ"},
                 "reasons": ["NOT_REACHING_HELP"], "receivedOn": "2026-12-01"}""");
        assertThat(referred.statusCode()).isEqualTo(201);
        String id = referred.body().replaceAll(".*\"trajectoryId\":\"([^\"]+)\".*", "$1");
        String t = "/api/trajectories/" + id;
        assertThat(services.send(t + "/assignment", "{\"coachId\": \"anna\", \"assignedOn\": \"2026-12-01\"}")
                .statusCode()).isEqualTo(200);
        assertThat(services.send(t + "/home-visits", """
                {"visitedOn": "2026-12-01", "durationMinutes": 40, "interpreterUsed": false, "location": "SCHOOL"}""")
                .statusCode()).isEqualTo(201);
        assertThat(services.send(t + "/home-visits", """
                {"visitedOn": "2026-12-01", "durationMinutes": 40, "interpreterUsed": false}""").statusCode()).isEqualTo(201);
        assertThat(services.send(t + "/goals", """
                {"description": "Samen opvoeden", "lifeDomain": "PARENTING", "setOn": "2026-12-01",
                 "subgoals": ["OWN_PARENTING_STYLE", "BOTH_PARENTS_CONTRIBUTE"]}""").statusCode()).isEqualTo(201);
        var unknown = services.send(t + "/goals", """
                {"description": "x", "lifeDomain": "PARENTING", "setOn": "2026-12-01", "subgoals": ["SUBDOEL_10"]}""");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("subgoals");
        var unknownPlace = services.send(t + "/home-visits", """
                {"visitedOn": "2026-12-01", "durationMinutes": 40, "interpreterUsed": false, "location": "BEACH"}""");
        assertThat(unknownPlace.statusCode()).isEqualTo(400);
        assertThat(unknownPlace.body()).contains("location");

        JsonNode events = views.json(t + "/history").get("events");
        assertThat(events.get(2).get("data").get("location").asString()).isEqualTo("SCHOOL");
        assertThat(events.get(3).get("data").get("location").asString()).as("default").isEqualTo("HOME");
        assertThat(events.get(4).get("revision").asString()).isEqualTo("2");
        assertThat(events.get(4).get("data").get("subgoals").toString())
                .isEqualTo("[\"BOTH_PARENTS_CONTRIBUTE\",\"OWN_PARENTING_STYLE\"]");
        assertThat(events.size()).as("refused commands wrote nothing").isEqualTo(5);
    }

    private static JsonNode awaitReport() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode report = views.json(PERIOD);
        while (report.get("familiesClosed").asInt() < 1 || report.get("goalsEvaluated").asInt() < 1) {
            assertThat(Instant.now()).as("projected").isBefore(deadline);
            Thread.sleep(50);
            report = views.json(PERIOD);
        }
        return report;
    }

    @Test
    void theAnalystsExportShowsRevisionOneEventsAsRevisionTwoWithoutTheirPersonalFields() {
        ViewClient.Answer export = new ViewClient(services.queryService.getEnvironment()
                .getRequiredProperty("local.server.port", Integer.class), "ali", "ali")
                .get("/api/export/events", "application/x-ndjson");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).doesNotContain("Kennismaking met moeder en Noor", "Familie Vroeg",
                "Moeder voelt zich zekerder in de opvoeding", TRAJECTORY);
        List<JsonNode> visits = new ArrayList<>();
        List<JsonNode> goals = new ArrayList<>();
        export.body().lines().map(line -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(line))
                .forEach(line -> {
                    if ("HomeVisitHeld".equals(line.path("type").asString())) {
                        visits.add(line);
                    } else if ("GoalSet".equals(line.path("type").asString())) {
                        goals.add(line);
                    }
                });
        assertThat(visits).isNotEmpty().allSatisfy(visit -> {
            assertThat(visit.get("revision").asString()).isEqualTo("2");
            assertThat(visit.get("data").has("summary")).isFalse();
        });
        assertThat(visits.stream().filter(v -> "HOME".equals(v.get("data").path("location").asString())).count())
                .as("the fixture's two revision-1 visits read as at home").isGreaterThanOrEqualTo(2);
        assertThat(goals).isNotEmpty().allSatisfy(goal -> {
            assertThat(goal.get("revision").asString()).isEqualTo("2");
            assertThat(goal.get("data").get("subgoals").isArray()).isTrue();
            assertThat(goal.get("data").has("description")).isFalse();
        });
        assertThat(goals.stream().filter(g -> g.get("data").get("subgoals").isEmpty()).count())
                .as("the fixture's revision-1 goal reads as not linked").isGreaterThanOrEqualTo(1);
    }
}
