package nl.gezinscoaching.command.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of the command service × every role × the user's own family and another's. Requests
 * carry an empty body, so an allowed call ends in a 400 and changes nothing; a refused one is a 403,
 * an anonymous one a 401. The test fails when an endpoint has no row.
 */
class CommandAccessMatrixIT {

    enum Expect { ALLOWED, FORBIDDEN, UNAUTHENTICATED }

    private static final Expect A = Expect.ALLOWED;
    private static final Expect F = Expect.FORBIDDEN;

    /** Users in the order of the columns below; "anonymous" sends no credentials. */
    private static final List<String> USERS = List.of("anna", "sanne", "mila", "ali", "admin");

    /**
     * Rows: endpoint → expected answer per user, for the user's own family (a trajectory of coach anna,
     * cluster Noord) and for another family (coach bram, cluster Zuid). Columns: anna (COACH), sanne
     * (SENIOR_COACH, Noord), mila (MANAGER), ali (ANALYST), admin (ADMIN).
     */
    private static final Map<String, Expect[][]> MATRIX = new LinkedHashMap<>();

    static {
        Expect[] adminOnly = {F, F, F, F, A};
        Expect[] coaching = {A, A, F, F, A};
        Expect[] notOwn = {F, F, F, F, A};
        Expect[] seniorOwn = {F, A, F, F, A};
        Expect[] senior = {F, A, F, F, A};
        row("POST /api/coaches", adminOnly, adminOnly);
        row("POST /api/families/{trajectoryId}/erasure", adminOnly, adminOnly);
        row("POST /api/referrals", senior, senior);
        row("POST /api/trajectories/{trajectoryId}/decline", senior, senior);
        row("POST /api/trajectories/{trajectoryId}/screening", senior, senior);
        row("POST /api/trajectories/{trajectoryId}/assignment", seniorOwn, notOwn);
        row("POST /api/trajectories/{trajectoryId}/extensions", seniorOwn, notOwn);
        for (String coachingAction : List.of("home-visits", "phone-contacts", "practical-support", "problem-inventory",
                "goals", "goals/{goalId}/evaluation", "family-plan", "agency-referrals",
                "agency-referrals/{agencyReferralId}/warm-handover", "coordination-meetings", "safety-assessments",
                "closure", "aftercare-calls", "aftercare-end")) {
            row("POST /api/trajectories/{trajectoryId}/" + coachingAction, coaching, notOwn);
        }
    }

    private static void row(String endpoint, Expect[] own, Expect[] other) {
        MATRIX.put(endpoint, new Expect[][] {own, other});
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;
    private static String ownTrajectory;
    private static String otherTrajectory;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(null, 0);
        app = CommandServiceApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        for (String coach : List.of("anna:Noord", "bram:Zuid", "sanne:Noord")) {
            String[] parts = coach.split(":");
            assertThat(post("admin", "/api/coaches", """
                    {"coachId": "%s", "name": "%s", "cluster": "%s", "fte": 1.0}""".formatted(parts[0], parts[0], parts[1])))
                    .isEqualTo(201);
        }
        ownTrajectory = referAndAssign("anna");
        otherTrajectory = referAndAssign("bram");
    }

    @AfterAll
    static void stop() throws IOException {
        app.close();
        postgres.close();
    }

    private static String referAndAssign(String coach) throws Exception {
        HttpResponse<String> referred = send("admin", "/api/referrals", """
                {"family": {"name": "Familie", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2015-01-01"}],
                 "referrer": {"name": "Arts", "organisation": "JGZ"}, "reasons": ["CHILD_SAFETY"],
                 "receivedOn": "%s"}""".formatted(TODAY.minusDays(10)));
        String id = JsonMapper.builder().build().readTree(referred.body()).get("trajectoryId").asString();
        assertThat(post("admin", "/api/trajectories/" + id + "/assignment",
                "{\"coachId\": \"%s\", \"assignedOn\": \"%s\"}".formatted(coach, TODAY.minusDays(5)))).isEqualTo(200);
        return id;
    }

    private static int post(String user, String path, String body) throws Exception {
        return send(user, path, body).statusCode();
    }

    private static HttpResponse<String> send(String user, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> endpoints = new TreeSet<>();
        app.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet()
                .forEach((RequestMappingInfo info) -> info.getPatternValues().forEach(pattern -> info.getMethodsCondition()
                        .getMethods().forEach(method -> endpoints.add(method + " " + pattern))));
        endpoints.removeIf(endpoint -> !endpoint.contains(" /api/"));
        assertThat(MATRIX.keySet()).containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void everyRoleGetsWhatTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Expect[][]> row : MATRIX.entrySet()) {
            for (int target = 0; target < 2; target++) {
                String path = row.getKey().substring("POST ".length())
                        .replace("{trajectoryId}", target == 0 ? ownTrajectory : otherTrajectory)
                        .replace("{goalId}", "g-unknown").replace("{agencyReferralId}", "a-unknown");
                String family = target == 0 ? "own" : "other";
                check(wrong, row.getKey(), family, null, path, Expect.UNAUTHENTICATED);
                for (int u = 0; u < USERS.size(); u++) {
                    check(wrong, row.getKey(), family, USERS.get(u), path, row.getValue()[target][u]);
                }
            }
        }
        assertThat(wrong).as("cells of the access matrix that do not hold").isEmpty();
    }

    private static void check(List<String> wrong, String endpoint, String family, String user, String path,
                              Expect expected) throws Exception {
        int status = post(user, path, "{}");
        boolean holds = switch (expected) {
            case ALLOWED -> status != 401 && status != 403;
            case FORBIDDEN -> status == 403;
            case UNAUTHENTICATED -> status == 401;
        };
        if (!holds) {
            wrong.add(endpoint + " / " + family + " / " + (user == null ? "anonymous" : user) + ": expected "
                    + expected + ", got " + status);
        }
    }

    @Test
    void seniorCoachAssignsOnlyToCoachesOfTheirCluster() throws Exception {
        String waiting = send("sanne", "/api/referrals", """
                {"family": {"name": "Familie", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2015-01-01"}],
                 "referrer": {"name": "Arts", "organisation": "JGZ"}, "reasons": ["CHILD_SAFETY"],
                 "receivedOn": "%s"}""".formatted(TODAY.minusDays(3))).body();
        String id = JsonMapper.builder().build().readTree(waiting).get("trajectoryId").asString();
        assertThat(post("sanne", "/api/trajectories/" + id + "/assignment",
                "{\"coachId\": \"bram\", \"assignedOn\": \"%s\"}".formatted(TODAY))).isEqualTo(403);
        assertThat(post("sanne", "/api/trajectories/" + id + "/assignment",
                "{\"coachId\": \"anna\", \"assignedOn\": \"%s\"}".formatted(TODAY))).isEqualTo(200);
        // and what anna records carries her name
        assertThat(post("anna", "/api/trajectories/" + id + "/home-visits",
                "{\"visitedOn\": \"%s\", \"durationMinutes\": 30, \"interpreterUsed\": false}".formatted(TODAY)))
                .isEqualTo(201);
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement("""
                     SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'recordedBy' FROM domain_event_entry
                     WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
            statement.setString(1, id);
            List<String> recordedBy = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    recordedBy.add(rows.getString(1));
                }
            }
            assertThat(recordedBy).containsExactly("sanne", "sanne", "anna");
        }
    }

    @Test
    void aTrajectoryClosedFromTheWaitingListTakesNoAftercareCallsFromASeniorCoach() throws Exception {
        String referral = send("admin", "/api/referrals", """
                {"family": {"name": "Familie", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2015-01-01"}],
                 "referrer": {"name": "Arts", "organisation": "JGZ"}, "reasons": ["CHILD_SAFETY"],
                 "receivedOn": "%s"}""".formatted(TODAY.minusDays(20))).body();
        String id = JsonMapper.builder().build().readTree(referral).get("trajectoryId").asString();
        String call = "{\"calledOn\": \"%s\", \"wellbeing\": \"STABLE\", \"notes\": \"belronde\"}".formatted(TODAY);
        // while it waits, a senior coach triages it: closing it from the waiting list is theirs
        assertThat(post("sanne", "/api/trajectories/" + id + "/closure",
                "{\"closedOn\": \"%s\", \"reason\": \"MOVED_AWAY\"}".formatted(TODAY.minusDays(2)))).isEqualTo(200);

        assertThat(post("sanne", "/api/trajectories/" + id + "/aftercare-calls", call)).as("senior coach").isEqualTo(403);
        assertThat(post("admin", "/api/trajectories/" + id + "/aftercare-calls", call)).as("no coach, no aftercare")
                .isEqualTo(409);
        assertThat(eventTypes(id)).containsExactly("FamilyReferred", "TrajectoryClosed");
    }

    private static List<String> eventTypes(String trajectoryId) throws Exception {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement("""
                     SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
            statement.setString(1, trajectoryId);
            List<String> types = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1).substring(rows.getString(1).lastIndexOf('.') + 1));
                }
            }
            return types;
        }
    }

    @Test
    void anUnknownTrajectoryIsA404EvenForACoach() throws Exception {
        assertThat(post("anna", "/api/trajectories/no-such-trajectory/home-visits", "{}")).isEqualTo(404);
    }
}
