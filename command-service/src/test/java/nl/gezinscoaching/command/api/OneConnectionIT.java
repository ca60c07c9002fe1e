package nl.gezinscoaching.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 22: no request needs two pool connections at once. The command service with a pool of one connection (and a
 * patience of 3 s): a request that held its connection while it waited for a second would wait out the patience
 * and be answered 503 {@code overloaded}. Every action of a trajectory, from referral to the end of aftercare, is
 * posted without a key, with an {@code Idempotency-Key} (the request's own transaction) and repeated with that key
 * (the stored answer): each is answered as its rule says.
 */
class OneConnectionIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("one-connection-it"), 0);
        app = CommandServiceApplication.application()
                .run("--server.port=0",
                        "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--spring.datasource.hikari.maximum-pool-size=1",
                        // Flyway holds a lock connection beside its migration connection: at start-up, on its own
                        "--spring.flyway.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                        "--spring.flyway.user=postgres", "--spring.flyway.password=postgres",
                        "--platform.datasource.busy-patience=3s",
                        // every command crosses the snapshot threshold: the snapshotter's connection is in play too
                        "--command.snapshots.threshold=2");
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        postgres.close();
    }

    record Answer(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    @Test
    void everyActionOfATrajectoryIsAnsweredByItsRuleWithOneConnectionInThePool() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String coach : List.of("one-1", "one-2")) {
            expect(failures, "coach", post("/api/coaches", """
                    {"coachId": "%s", "name": "Coach %s", "cluster": "Zuid-West", "fte": 1.0}""".formatted(coach, coach),
                    null), 201);
        }
        for (boolean keyed : List.of(false, true)) {
            Answer referred = send(failures, keyed, "/api/referrals", """
                    {"family": {"reference": "%s", "name": "Familie Bakker", "district": "Escamp", "language": "nl",
                                "interpreterNeeded": false, "migrationGeneration": "NONE"},
                     "children": [{"name": "Sem", "birthDate": "2014-02-11"}],
                     "referrer": {"name": "M. Jansen", "organisation": "School"},
                     "reasons": ["NOT_REACHING_HELP"], "receivedOn": "%s", "newHelpQuestion": false}"""
                    .formatted(UUID.randomUUID().toString().substring(0, 12), days(300)), 201);
            String t = "/api/trajectories/" + referred.json().get("trajectoryId").asString();
            send(failures, keyed, t + "/safety-assessments", """
                    {"assessedOn": "%s", "verdict": "CONCERNS", "reportedToVeiligThuis": false}""".formatted(days(295)),
                    201);
            send(failures, keyed, t + "/assignment", """
                    {"coachId": "one-1", "assignedOn": "%s"}""".formatted(days(290)), 200);
            send(failures, keyed, t + "/home-visits", """
                    {"visitedOn": "%s", "durationMinutes": 90, "interpreterUsed": false, "summary": "kennismaking"}"""
                    .formatted(days(285)), 201);
            send(failures, keyed, t + "/phone-contacts", """
                    {"contactedOn": "%s", "durationMinutes": 15}""".formatted(days(284)), 201);
            send(failures, keyed, t + "/practical-support", """
                    {"givenOn": "%s", "kind": "ADMINISTRATION", "durationMinutes": 60}""".formatted(days(280)), 201);
            send(failures, keyed, t + "/problem-inventory", """
                    {"inventoriedOn": "%s", "problemDomains": ["FINANCES", "PARENTING"]}""".formatted(days(275)), 201);
            String goalId = send(failures, keyed, t + "/goals", """
                    {"description": "Vaste lasten op tijd betaald", "lifeDomain": "FINANCES", "setOn": "%s"}"""
                    .formatted(days(270)), 201).json().get("goalId").asString();
            send(failures, keyed, t + "/family-plan", """
                    {"agreedOn": "%s", "cosigningAgencies": ["Schuldhulpverlening"]}""".formatted(days(265)), 201);
            String agencyReferralId = send(failures, keyed, t + "/agency-referrals", """
                    {"agency": "Schuldhulpverlening", "referredOn": "%s"}""".formatted(days(260)), 201)
                    .json().get("agencyReferralId").asString();
            send(failures, keyed, t + "/agency-referrals/" + agencyReferralId + "/warm-handover", """
                    {"handedOverOn": "%s"}""".formatted(days(200)), 200);
            send(failures, keyed, t + "/coordination-meetings", """
                    {"heldOn": "%s", "agencies": ["Schuldhulpverlening"], "parentsPresent": true}""".formatted(days(190)),
                    201);
            send(failures, keyed, t + "/extensions", """
                    {"grantedOn": "%s", "months": 3, "reason": "wachtlijst GGZ"}""".formatted(days(110)), 201);
            send(failures, keyed, t + "/assignment", """
                    {"coachId": "one-2", "assignedOn": "%s"}""".formatted(days(100)), 200);
            send(failures, keyed, t + "/goals/" + goalId + "/evaluation", """
                    {"attainment": "PARTLY", "evaluatedOn": "%s"}""".formatted(days(60)), 200);
            send(failures, keyed, t + "/closure", """
                    {"closedOn": "%s", "reason": "FAMILY_IN_CONTROL", "clientSatisfaction": 8, "referrerSatisfaction": 7,
                     "closingLetterLanguage": "nl"}""".formatted(days(60)), 200);
            // refusals need their connection too: a second closure is the state's 409
            send(failures, keyed, t + "/closure", """
                    {"closedOn": "%s", "reason": "DROPPED_OUT"}""".formatted(days(59)), 409);
            send(failures, keyed, t + "/aftercare-calls", """
                    {"calledOn": "%s", "wellbeing": "STABLE"}""".formatted(days(30)), 201);
            send(failures, keyed, t + "/aftercare-end", """
                    {"endedOn": "%s"}""".formatted(days(20)), 200);
        }
        assertThat(failures).isEmpty();
    }

    /** Posts once; with a key, posts again with the same key and expects the stored answer. */
    private static Answer send(List<String> failures, boolean keyed, String path, String json, int status)
            throws Exception {
        String key = keyed ? UUID.randomUUID().toString() : null;
        Answer answer = post(path, json, key);
        expect(failures, path, answer, status);
        if (keyed && status < 400) {
            expect(failures, path + " (repeated key)", post(path, json, key), status);
        }
        return answer;
    }

    private static void expect(List<String> failures, String what, Answer answer, int status) {
        if (answer.status() != status) {
            failures.add("%s: expected %d, answered %d %s".formatted(what, status, answer.status(), answer.body()));
        }
    }

    private static Answer post(String path, String json, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").header("Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static String days(int ago) {
        return TODAY.minusDays(ago).toString();
    }
}
