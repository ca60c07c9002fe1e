package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import nl.gezinscoaching.query.support.BothServices;
import nl.gezinscoaching.query.support.ViewClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both services on one PostgreSQL, as in production: families are recorded through the command API, and
 * the views of the query API catch up (polled with a deadline, never slept for). Then every read model
 * is rebuilt from the event store, and the views must come back identical.
 */
class ManagementViewsEndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static BothServices services;
    private static ViewClient views;

    @BeforeAll
    static void start() {
        services = BothServices.start();
        views = services.views;
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static JsonNode send(String path, String json) {
        HttpResponse<String> response = services.send(path, json);
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private static String daysAgo(int days) {
        return TODAY.minusDays(days).toString();
    }

    private static String refer(String district, int daysAgo) {
        return send("/api/referrals", """
                {"family": {"name": "Familie Test", "district": "%s", "language": "ar", "interpreterNeeded": true,
                            "migrationGeneration": "FIRST"},
                 "children": [{"name": "Kind", "birthDate": "2016-04-04"}],
                 "referrer": {"name": "Jeugdarts", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%s"}""".formatted(district, daysAgo(daysAgo)))
                .get("trajectoryId").asString();
    }

    private static void assign(String trajectory, String coach, int daysAgo) throws Exception {
        send("/api/trajectories/" + trajectory + "/assignment",
                "{\"coachId\": \"%s\", \"assignedOn\": \"%s\"}".formatted(coach, daysAgo(daysAgo)));
    }

    /** Polls a view until the condition holds; fails with the last answer when the deadline passes. */
    private static JsonNode awaitView(String path, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            ViewClient.Answer answer = views.get(path, "application/json");
            if (answer.status() == 200) {
                last = answer.json();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("View " + path + " did not reach the expected state within " + DEADLINE + ": " + last);
    }

    private static int active(JsonNode caseload, String coachId) {
        return StreamSupport.stream(caseload.get("coaches").spliterator(), false)
                .filter(c -> c.get("coachId").asString().equals(coachId))
                .mapToInt(c -> c.get("activeTrajectories").asInt())
                .findFirst().orElse(-1);
    }

    @Test
    void viewsFollowTheCommandsAndARebuildGivesIdenticalViews() throws Exception {
        send("/api/coaches", "{\"coachId\": \"e2e-anna\", \"name\": \"Anna\", \"cluster\": \"Noord\", \"fte\": 0.2, \"registeredOn\": \"2020-01-01\"}");
        send("/api/coaches", "{\"coachId\": \"e2e-bram\", \"name\": \"Bram\", \"cluster\": \"Noord\", \"fte\": 1.0, \"registeredOn\": \"2020-01-01\"}");

        List<String> trajectories = new ArrayList<>();
        // an overrunning family, waiting for an agency
        String late = refer("Escamp", 400);
        trajectories.add(late);
        assign(late, "e2e-anna", 390);
        send("/api/trajectories/" + late + "/home-visits",
                "{\"visitedOn\": \"%s\", \"durationMinutes\": 60, \"interpreterUsed\": true}".formatted(daysAgo(380)));
        send("/api/trajectories/" + late + "/extensions",
                "{\"grantedOn\": \"%s\", \"months\": 3, \"reason\": \"wachtlijst\"}".formatted(daysAgo(200)));
        send("/api/trajectories/" + late + "/agency-referrals",
                "{\"agency\": \"GGZ\", \"referredOn\": \"%s\"}".formatted(daysAgo(150)));
        // three more families for anna, so she is over her capacity of 2.2
        for (int i = 0; i < 3; i++) {
            String family = refer("Centrum", 30);
            trajectories.add(family);
            assign(family, "e2e-anna", 20);
        }
        // one closed with bram, one waiting for a coach
        String closed = refer("Laak", 200);
        trajectories.add(closed);
        assign(closed, "e2e-bram", 190);
        send("/api/trajectories/" + closed + "/closure",
                "{\"closedOn\": \"%s\", \"reason\": \"FAMILY_IN_CONTROL\", \"clientSatisfaction\": 9}".formatted(daysAgo(10)));
        String waiting = refer("Escamp", 5);
        trajectories.add(waiting);
        // one declined by screening, on a contra-indication
        String screenedOut = refer("Laak", 15);
        trajectories.add(screenedOut);
        send("/api/trajectories/" + screenedOut + "/screening", """
                {"screenedOn": "%s", "indications": ["MIGRATION_BACKGROUND"], "contraIndications": ["SUICIDALITY"]}"""
                .formatted(daysAgo(12)));

        // the facts processor runs on two segments: each trajectory's events stay in order, but one
        // trajectory may be projected before another, so every condition names all it relies on
        JsonNode caseload = awaitView("/api/caseload", c -> active(c, "e2e-anna") == 4 && active(c, "e2e-bram") == 0);
        JsonNode anna = StreamSupport.stream(caseload.get("coaches").spliterator(), false)
                .filter(c -> c.get("coachId").asString().equals("e2e-anna")).findFirst().orElseThrow();
        assertThat(anna.get("overCapacity").asBoolean()).isTrue();

        JsonNode overruns = awaitView("/api/overruns", o -> o.get("trajectories").size() == 1
                && o.get("trajectories").get(0).get("waitingOnAgency").asBoolean());
        assertThat(overruns.get("trajectories").get(0).get("trajectoryId").asString()).isEqualTo(late);
        assertThat(overruns.get("trajectories").get(0).get("waitingOnAgency").asBoolean()).isTrue();

        JsonNode waitingList = awaitView("/api/waiting-list", w -> w.get("awaitingCoach").size() == 1
                && w.get("awaitingCoach").get(0).get("trajectoryId").asString().equals(waiting));
        assertThat(waitingList.get("awaitingCoach").get(0).get("trajectoryId").asString()).isEqualTo(waiting);
        assertThat(waitingList.get("awaitingCoach").get(0).get("daysWaiting").asInt()).isEqualTo(5);
        assertThat(waitingList.get("awaitingAgency").get(0).get("agency").asString()).isEqualTo("GGZ");

        JsonNode history = awaitView("/api/trajectories/" + late + "/history", h -> h.get("events").size() == 5);
        List<String> types = new ArrayList<>();
        history.get("events").forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld", "ExtensionGranted",
                "FamilyReferredToAgency");
        assertThat(history.get("events").get(2).get("occurredOn").asString()).isEqualTo(daysAgo(380));
        assertThat(history.get("events").get(2).get("recordedBy").asString()).isEqualTo("admin");
        assertThat(history.get("events").get(2).get("data").get("durationMinutes").asInt()).isEqualTo(60);
        awaitView("/api/trajectories/" + closed + "/history", h -> h.get("events").size() == 3);
        assertThat(views.get("/api/trajectories/unknown/history", "application/json").status()).isEqualTo(404);

        JsonNode quality = awaitView("/api/quality-report?from=" + daysAgo(365) + "&to=" + TODAY,
                q -> q.get("familiesClosed").asInt() == 1
                        && q.get("declinesByContraIndication").get("SUICIDALITY").asInt() == 1);
        assertThat(quality.get("referralsDeclined").asInt()).isEqualTo(1);
        assertThat(quality.get("clientSatisfaction").get("mean").asDouble()).isEqualTo(9.0);

        // the newest event is one no read model handles: the rebuild must still see itself finished
        send("/api/trajectories/" + late + "/phone-contacts",
                "{\"contactedOn\": \"%s\", \"durationMinutes\": 10}".formatted(daysAgo(1)));
        awaitView("/api/trajectories/" + late + "/history", h -> h.get("events").size() == 6);
        Map<String, String> before = snapshotOfEveryView(trajectories);

        ViewClient.Answer started = views.post("/api/admin/rebuild");
        assertThat(started.status()).isEqualTo(202);
        JsonNode status = awaitView("/api/admin/rebuild", s -> s.get("state").asString().equals("FINISHED"));
        assertThat(status.get("eventsDone").asLong()).isEqualTo(status.get("eventsTotal").asLong()).isPositive();
        assertThat(status.get("percentDone").asDouble()).isEqualTo(100.0);

        assertThat(snapshotOfEveryView(trajectories)).isEqualTo(before);
    }

    private static Map<String, String> snapshotOfEveryView(List<String> trajectories) {
        List<String> paths = new ArrayList<>(List.of("/api/caseload", "/api/caseload?asOf=" + daysAgo(100),
                "/api/overruns", "/api/waiting-list", "/api/quality-report?from=" + daysAgo(730) + "&to=" + TODAY));
        trajectories.forEach(t -> paths.add("/api/trajectories/" + t + "/history"));
        Map<String, String> snapshot = new LinkedHashMap<>();
        for (String path : paths) {
            snapshot.put(path + " json", views.get(path, "application/json").body());
            snapshot.put(path + " csv", views.get(path, "text/csv").body());
        }
        return snapshot;
    }
}
