package nl.gezinscoaching.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command service as a coach's client sees it: HTTP in, events in a real PostgreSQL out. The
 * database outlives the application, so a restart proves the state comes back from the store.
 */
class CommandApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes());
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;

    @BeforeAll
    static void start() throws IOException {
        Path dataDirectory = Files.createTempDirectory("command-api-it");
        postgres = EmbeddedDatabase.start(dataDirectory, 0);
        startApplication();
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        postgres.close();
    }

    private static void startApplication() {
        app = CommandServiceApplication.application()
                // command-line arguments: they outrank the application.yml (builder properties would not)
                .run("--server.port=0",
                        "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres");
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    private static void restartApplication() {
        app.close();
        startApplication();
    }

    record Answer(int status, String contentType, JsonNode body, String location) {
    }

    private static Answer post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json").header("Authorization", ADMIN)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
                response.headers().firstValue("Location").orElse(null));
    }

    private static Answer post(String path, String json, String idempotencyKey) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json").header("Authorization", ADMIN)
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
                response.headers().firstValue("Location").orElse(null));
    }

    @Test
    void aRepeatedPostWithTheSameIdempotencyKeyGetsTheFirstAnswerAndRecordsOneEvent() throws Exception {
        assertThat(post("/api/coaches", """
                {"coachId": "it-coach-idem", "name": "Ilse Dam", "cluster": "Zuid-West", "fte": 1.0}""").status())
                .isEqualTo(201);
        String id = post("/api/referrals", referral("IDEM-1", false)).body().get("trajectoryId").asString();
        String t = "/api/trajectories/" + id;
        assertThat(post(t + "/assignment", """
                {"coachId": "it-coach-idem", "assignedOn": "%s"}""".formatted(days(20))).status()).isEqualTo(200);
        String key = java.util.UUID.randomUUID().toString();

        // a refused first try stores nothing: the corrected form may post with the same key
        Answer future = post(t + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false}""".formatted(TODAY.plusDays(2)), key);
        assertThat(future.status()).isEqualTo(400);
        String visit = """
                {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false}""".formatted(days(1));
        Answer first = post(t + "/home-visits", visit, key);
        Answer again = post(t + "/home-visits", visit, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(eventTypes(id)).containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld");

        Answer otherBody = post(t + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 60, "interpreterUsed": false}""".formatted(days(1)), key);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.body().get("rule").asString()).isEqualTo("idempotency-key-reused");
        assertThat(eventTypes(id)).containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld");

        // without a key, two posts are two visits, as before
        post(t + "/home-visits", visit);
        post(t + "/home-visits", visit);
        assertThat(eventTypes(id)).containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld",
                "HomeVisitHeld", "HomeVisitHeld");
    }

    private static String days(int ago) {
        return TODAY.minusDays(ago).toString();
    }

    private static long eventCount() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> eventTypes(String aggregateId) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement(
                     "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            statement.setString(1, aggregateId);
            List<String> types = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    types.add(type.substring(type.lastIndexOf('.') + 1));
                }
            }
            return types;
        }
    }

    private static String referral(String reference, boolean newHelpQuestion) {
        return """
                {"family": {"reference": "%s", "name": "Familie Bakker", "district": "Escamp", "language": "nl",
                            "interpreterNeeded": false, "migrationGeneration": "NONE"},
                 "children": [{"name": "Sem", "birthDate": "2014-02-11"}, {"name": "Noa", "birthDate": "2019-07-30"}],
                 "referrer": {"name": "M. Jansen", "organisation": "Basisschool De Regenboog"},
                 "reasons": ["NOT_REACHING_HELP", "CARE_COORDINATION"],
                 "receivedOn": "%s", "newHelpQuestion": %s}""".formatted(reference, days(300), newHelpQuestion);
    }

    @Test
    void aTrajectoryFromReferralToAftercareIsRecordedAndSurvivesARestart() throws Exception {
        assertThat(post("/api/coaches", """
                {"coachId": "it-coach-1", "name": "Anna de Wit", "cluster": "Zuid-West", "fte": 0.8}""").status())
                .isEqualTo(201);
        assertThat(post("/api/coaches", """
                {"coachId": "it-coach-2", "name": "Bram Visser", "cluster": "Zuid-West", "fte": 1.0}""").status())
                .isEqualTo(201);

        Answer referred = post("/api/referrals", referral("LEERL-4711", false));
        assertThat(referred.status()).isEqualTo(201);
        String id = referred.body().get("trajectoryId").asString();
        assertThat(referred.location()).isEqualTo("/api/trajectories/" + id);
        String t = "/api/trajectories/" + id;

        assertThat(post(t + "/safety-assessments", """
                {"assessedOn": "%s", "verdict": "CONCERNS", "reportedToVeiligThuis": false}""".formatted(days(295))).status())
                .isEqualTo(201);
        assertThat(post(t + "/assignment", """
                {"coachId": "it-coach-1", "assignedOn": "%s"}""".formatted(days(290))).status()).isEqualTo(200);
        assertThat(post(t + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 90, "interpreterUsed": false, "summary": "kennismaking"}"""
                .formatted(days(285))).status()).isEqualTo(201);
        assertThat(post(t + "/phone-contacts", """
                {"contactedOn": "%s", "durationMinutes": 15}""".formatted(days(284))).status()).isEqualTo(201);
        assertThat(post(t + "/practical-support", """
                {"givenOn": "%s", "kind": "ADMINISTRATION", "durationMinutes": 60}""".formatted(days(280))).status())
                .isEqualTo(201);
        assertThat(post(t + "/problem-inventory", """
                {"inventoriedOn": "%s", "problemDomains": ["FINANCES", "PARENTING"]}""".formatted(days(275))).status())
                .isEqualTo(201);
        Answer goal = post(t + "/goals", """
                {"description": "Vaste lasten op tijd betaald", "lifeDomain": "FINANCES", "setOn": "%s"}"""
                .formatted(days(270)));
        assertThat(goal.status()).isEqualTo(201);
        String goalId = goal.body().get("goalId").asString();
        assertThat(post(t + "/family-plan", """
                {"agreedOn": "%s", "cosigningAgencies": ["Schuldhulpverlening"]}""".formatted(days(265))).status())
                .isEqualTo(201);
        Answer agency = post(t + "/agency-referrals", """
                {"agency": "Schuldhulpverlening", "referredOn": "%s"}""".formatted(days(260)));
        assertThat(agency.status()).isEqualTo(201);
        String agencyReferralId = agency.body().get("agencyReferralId").asString();
        assertThat(post(t + "/agency-referrals/" + agencyReferralId + "/warm-handover", """
                {"handedOverOn": "%s"}""".formatted(days(200))).status()).isEqualTo(200);
        assertThat(post(t + "/coordination-meetings", """
                {"heldOn": "%s", "agencies": ["Schuldhulpverlening", "Wijkteam"], "parentsPresent": true}"""
                .formatted(days(190))).status()).isEqualTo(201);
        assertThat(post(t + "/extensions", """
                {"grantedOn": "%s", "months": 3, "reason": "wachtlijst GGZ"}""".formatted(days(110))).status())
                .isEqualTo(201);
        assertThat(post(t + "/assignment", """
                {"coachId": "it-coach-2", "assignedOn": "%s"}""".formatted(days(100))).status()).isEqualTo(200);
        assertThat(post(t + "/goals/" + goalId + "/evaluation", """
                {"attainment": "PARTLY", "evaluatedOn": "%s"}""".formatted(days(60))).status()).isEqualTo(200);
        assertThat(post(t + "/closure", """
                {"closedOn": "%s", "reason": "FAMILY_IN_CONTROL", "clientSatisfaction": 8, "referrerSatisfaction": 7,
                 "closingLetterLanguage": "nl"}""".formatted(days(60))).status()).isEqualTo(200);
        assertThat(post(t + "/aftercare-calls", """
                {"calledOn": "%s", "wellbeing": "STABLE", "notes": "gaat goed"}""".formatted(days(30))).status())
                .isEqualTo(201);

        List<String> recorded = List.of("FamilyReferred", "SafetyAssessed", "CoachAssigned", "HomeVisitHeld",
                "PhoneContactLogged", "PracticalSupportGiven", "ProblemInventoried", "GoalSet", "FamilyPlanAgreed",
                "FamilyReferredToAgency", "WarmHandoverDone", "CoordinationMeetingHeld", "ExtensionGranted",
                "CoachReassigned", "GoalEvaluated", "TrajectoryClosed", "AftercareCallLogged");
        assertThat(eventTypes(id)).containsExactlyElementsOf(recorded);
        long eventsBeforeRestart = eventCount();

        restartApplication();

        // the state comes back from the store: closed, with aftercare still open
        assertThat(post(t + "/closure", """
                {"closedOn": "%s", "reason": "DROPPED_OUT"}""".formatted(days(1))).status()).isEqualTo(409);
        assertThat(post(t + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 30, "interpreterUsed": false}""".formatted(days(1))).status())
                .isEqualTo(409);
        assertThat(post(t + "/aftercare-calls", """
                {"calledOn": "%s", "wellbeing": "GOOD"}""".formatted(days(2))).status()).isEqualTo(201);
        assertThat(post(t + "/aftercare-end", """
                {"endedOn": "%s"}""".formatted(days(1))).status()).isEqualTo(200);
        assertThat(post(t + "/aftercare-calls", """
                {"calledOn": "%s", "wellbeing": "GOOD"}""".formatted(days(1))).status()).isEqualTo(409);
        assertThat(eventCount()).isEqualTo(eventsBeforeRestart + 2);
        // coaches come back from the store too: the directory still knows them, the id stays taken
        assertThat(post("/api/coaches", """
                {"coachId": "it-coach-1", "name": "Anna de Wit", "cluster": "Zuid-West", "fte": 0.8}""").status())
                .isEqualTo(409);
    }

    @Test
    void commandsAndTheTrajectoryCacheShowInTheMetrics() throws Exception {
        String id = post("/api/referrals", referral("METRICS-1", false)).body().get("trajectoryId").asString();
        // a second command on the same trajectory finds it in the cache
        assertThat(post("/api/trajectories/" + id + "/decline",
                "{\"declinedOn\": \"%s\", \"reason\": \"contra-indicatie\"}".formatted(days(1))).status())
                .isBetween(200, 299);

        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .header("Authorization", ADMIN).build(), HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).contains("commandBus_allTimer_seconds_count", "commandBus_successCounter_total",
                "cache_gets_total{cache=\"trajectories\",result=\"hit\"}");
        // Axon's capacity monitor re-registers its gauge per message, which Micrometer refuses with a warning
        assertThat(metrics).doesNotContain("commandBus_capacity");
    }

    @Test
    void eventsAreStoredAsReadableJsonWithWhoRecordedThem() throws Exception {
        String id = post("/api/referrals", referral("JSON-1", false)).body().get("trajectoryId").asString();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement(
                     "SELECT convert_from(payload, 'UTF8'), convert_from(meta_data, 'UTF8'), payload_revision "
                             + "FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                JsonNode payload = JSON.readTree(rows.getString(1));
                assertThat(payload.get("receivedOn").asString()).isEqualTo(days(300));
                assertThat(payload.get("family").get("district").asString()).isEqualTo("Escamp");
                assertThat(JSON.readTree(rows.getString(2)).get("recordedBy").asString()).isEqualTo("admin");
                assertThat(rows.getString(3)).isEqualTo("1");
            }
        }
    }

    @Test
    void aClientNumberIsStoredAsAKeyedDigestThatTheDatabaseAloneCannotReverse() throws Exception {
        String id = post("/api/referrals", referral(" digest-42 ", false)).body().get("trajectoryId").asString();

        String stored = referenceDigest(id);

        // what anyone with a copy of the database could compute for every possible number
        String unkeyed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("DIGEST-42".getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).isNotEqualTo(unkeyed);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(
                app.getEnvironment().getProperty("platform.crypto.reference-key")), "HmacSHA256"));
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(mac.doFinal("DIGEST-42".getBytes(StandardCharsets.UTF_8))));
        assertThat(post("/api/referrals", referral("DIGEST-42", false)).status()).isEqualTo(409);

        // once the trajectory is closed no lookup needs the digest: it is deleted
        assertThat(post("/api/trajectories/" + id + "/decline",
                "{\"declinedOn\": \"%s\", \"reason\": \"contra-indicatie\"}".formatted(days(1))).status())
                .isBetween(200, 299);
        assertThat(referenceDigest(id)).isNull();
        assertThat(post("/api/referrals", referral("DIGEST-42", false)).status()).isEqualTo(201);
    }

    private static String referenceDigest(String trajectoryId) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement(
                     "SELECT reference_digest FROM family_reference WHERE trajectory_id = ?")) {
            statement.setString(1, trajectoryId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Test
    void aTextOrListBeyondItsBoundIsRefusedNamingFieldAndRuleAndWritesNothing() throws Exception {
        assertThat(post("/api/coaches", """
                {"coachId": "it-bounds", "name": "Carla", "cluster": "Noord", "fte": 1.0}""").status()).isEqualTo(201);
        String id = post("/api/referrals", referral("BOUNDS-1", false)).body().get("trajectoryId").asString();
        String t = "/api/trajectories/" + id;
        assertThat(post(t + "/assignment", """
                {"coachId": "it-bounds", "assignedOn": "%s"}""".formatted(days(200))).status()).isEqualTo(200);
        long before = eventCount();

        Answer longAgency = post(t + "/agency-referrals", """
                {"agency": "%s", "referredOn": "%s"}""".formatted("A".repeat(300), days(10)));
        assertThat(longAgency.status()).isEqualTo(400);
        assertThat(longAgency.contentType()).startsWith("application/problem+json");
        assertThat(longAgency.body().get("errors").get(0).get("field").asString()).isEqualTo("agency");
        assertThat(longAgency.body().get("errors").get(0).get("rule").asString()).isEqualTo("max-length");
        assertThat(longAgency.body().get("errors").get(0).get("message").asString())
                .isEqualTo("must be at most 200 characters long");

        Answer longDistrict = post("/api/referrals", referral("BOUNDS-2", false)
                .replace("\"Escamp\"", "\"" + "d".repeat(101) + "\""));
        assertThat(longDistrict.status()).isEqualTo(400);
        assertThat(longDistrict.body().get("errors").get(0).get("field").asString()).isEqualTo("family.district");
        assertThat(longDistrict.body().get("errors").get(0).get("rule").asString()).isEqualTo("max-length");

        String agencies = String.join(", ", java.util.Collections.nCopies(21, "\"GGZ\""));
        Answer longList = post(t + "/coordination-meetings", """
                {"heldOn": "%s", "agencies": [%s], "parentsPresent": true}""".formatted(days(5), agencies));
        assertThat(longList.status()).isEqualTo(400);
        assertThat(longList.body().get("errors").get(0).get("field").asString()).isEqualTo("agencies");
        assertThat(longList.body().get("errors").get(0).get("rule").asString()).isEqualTo("max-items");

        Answer longListItem = post(t + "/family-plan", """
                {"agreedOn": "%s", "cosigningAgencies": ["GGZ", "%s"]}""".formatted(days(5), "B".repeat(201)));
        assertThat(longListItem.status()).isEqualTo(400);
        assertThat(longListItem.body().get("errors").get(0).get("field").asString()).isEqualTo("cosigningAgencies[1]");
        assertThat(longListItem.body().get("errors").get(0).get("rule").asString()).isEqualTo("max-length");

        Answer longNotes = post(t + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 30, "interpreterUsed": false, "summary": "%s"}"""
                .formatted(days(5), "x".repeat(4001)));
        assertThat(longNotes.status()).isEqualTo(400);
        assertThat(longNotes.body().get("errors").get(0).get("field").asString()).isEqualTo("summary");

        Answer longPathId = post(t + "/goals/" + "g".repeat(65) + "/evaluation", """
                {"attainment": "PARTLY", "evaluatedOn": "%s"}""".formatted(days(5)));
        assertThat(longPathId.status()).isEqualTo(400);
        assertThat(longPathId.body().get("errors").get(0).get("field").asString()).isEqualTo("goalId");
        assertThat(longPathId.body().get("errors").get(0).get("rule").asString()).isEqualTo("max-length");

        Answer longCluster = post("/api/coaches", """
                {"coachId": "it-bounds-2", "name": "Dirk", "cluster": "%s", "fte": 1.0}""".formatted("c".repeat(101)));
        assertThat(longCluster.status()).isEqualTo(400);
        assertThat(longCluster.body().get("errors").get(0).get("field").asString()).isEqualTo("cluster");
        assertThat(longCluster.body().get("errors").get(0).get("rule").asString()).isEqualTo("max-length");

        // JSON can carry U+0000, no PostgreSQL text column can hold it
        Answer nulInDistrict = post("/api/referrals", referral("BOUNDS-3", false)
                .replace("\"Escamp\"", "\"Esc\\u0000amp\""));
        assertThat(nulInDistrict.status()).isEqualTo(400);
        assertThat(nulInDistrict.body().get("errors").get(0).get("field").asString()).isEqualTo("family.district");
        assertThat(nulInDistrict.body().get("errors").get(0).get("rule").asString()).isEqualTo("no-nul-character");
        Answer nulInList = post(t + "/coordination-meetings", """
                {"heldOn": "%s", "agencies": ["GGZ", "Wijk\\u0000team"], "parentsPresent": true}""".formatted(days(5)));
        assertThat(nulInList.status()).isEqualTo(400);
        assertThat(nulInList.body().get("errors").get(0).get("field").asString()).isEqualTo("agencies[1]");
        assertThat(nulInList.body().get("errors").get(0).get("rule").asString()).isEqualTo("no-nul-character");

        assertThat(eventCount()).as("no refused command wrote an event").isEqualTo(before);

        // exactly at the bound is accepted
        assertThat(post(t + "/agency-referrals", """
                {"agency": "%s", "referredOn": "%s"}""".formatted("A".repeat(200), days(10))).status()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void refusedCommandsAreExplainedAndWriteNothing() throws Exception {
        String id = post("/api/referrals", referral("REFUSE-1", false)).body().get("trajectoryId").asString();
        String t = "/api/trajectories/" + id;
        long before = eventCount();

        Answer secondReferral = post("/api/referrals", referral("REFUSE-1", false));
        assertThat(secondReferral.status()).isEqualTo(409);
        assertThat(secondReferral.body().get("rule").asString()).isEqualTo("second-referral-without-new-help-question");

        Answer visitWithoutCoach = post(t + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 30, "interpreterUsed": false}""".formatted(days(1)));
        assertThat(visitWithoutCoach.status()).isEqualTo(409);
        assertThat(visitWithoutCoach.contentType()).startsWith("application/problem+json");

        Answer unknownCoach = post(t + "/assignment", """
                {"coachId": "nobody", "assignedOn": "%s"}""".formatted(days(1)));
        assertThat(unknownCoach.status()).isEqualTo(404);

        Answer futureVisit = post(t + "/safety-assessments", """
                {"assessedOn": "%s", "verdict": "SAFE", "reportedToVeiligThuis": false}""".formatted(TODAY.plusDays(1)));
        assertThat(futureVisit.status()).isEqualTo(400);
        assertThat(futureVisit.body().get("errors").get(0).get("field").asString()).isEqualTo("assessedOn");
        assertThat(futureVisit.body().get("errors").get(0).get("rule").asString()).isEqualTo("not-in-future");

        Answer beforeReferral = post(t + "/safety-assessments", """
                {"assessedOn": "%s", "verdict": "SAFE", "reportedToVeiligThuis": false}""".formatted(days(301)));
        assertThat(beforeReferral.status()).isEqualTo(400);
        assertThat(beforeReferral.body().get("errors").get(0).get("rule").asString()).isEqualTo("not-before-referral");

        Answer malformed = post(t + "/closure", "{\"closedOn\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body().get("errors").get(0).get("rule").asString()).isEqualTo("well-formed-json");

        Answer badEnum = post(t + "/closure", """
                {"closedOn": "%s", "reason": "BORED"}""".formatted(days(1)));
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(badEnum.body().get("errors").get(0).get("rule").asString()).isEqualTo("one-of");

        Answer badDate = post(t + "/closure", """
                {"closedOn": "1-2-2026", "reason": "MOVED_AWAY"}""");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body().get("errors").get(0).get("field").asString()).isEqualTo("closedOn");
        assertThat(badDate.body().get("errors").get(0).get("rule").asString()).isEqualTo("iso-date");

        Answer missingFields = post("/api/referrals", """
                {"family": {"name": "X", "district": "Escamp", "language": "nl", "interpreterNeeded": false},
                 "children": [{"name": "Y"}], "referrer": {"name": "Z", "organisation": "W"},
                 "reasons": [], "receivedOn": "%s"}""".formatted(days(3)));
        assertThat(missingFields.status()).isEqualTo(400);
        assertThat(missingFields.body().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("children[0].birthDate", "family.migrationGeneration", "reasons");

        Answer negative = post(t + "/assignment", "{\"coachId\": \"\", \"assignedOn\": null}");
        assertThat(negative.status()).isEqualTo(400);

        Answer unknownTrajectory = post("/api/trajectories/no-such-id/closure", """
                {"closedOn": "%s", "reason": "MOVED_AWAY"}""".formatted(days(1)));
        assertThat(unknownTrajectory.status()).isEqualTo(404);
        assertThat(unknownTrajectory.contentType()).startsWith("application/problem+json");

        Answer fteTooHigh = post("/api/coaches", """
                {"coachId": "c-too-much", "name": "X", "cluster": "Noord", "fte": 1.5}""");
        assertThat(fteTooHigh.status()).isEqualTo(400);
        assertThat(fteTooHigh.body().get("errors").get(0).get("field").asString()).isEqualTo("fte");

        assertThat(eventCount()).isEqualTo(before);
    }
}
