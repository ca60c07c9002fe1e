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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The selection form over HTTP: who may send it, what it writes, and what it refuses (writing nothing). */
class ScreeningApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(null, 0);
        app = CommandServiceApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        assertThat(post("admin", "/api/coaches", """
                {"coachId": "anna", "name": "Anna", "cluster": "Noord", "fte": 1.0}""").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws IOException {
        app.close();
        postgres.close();
    }

    record Answer(int status, String contentType, JsonNode body) {
    }

    private static Answer post(String user, String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isBlank() ? null : JSON.readTree(response.body()));
    }

    private static String refer() throws Exception {
        Answer referred = post("sanne", "/api/referrals", """
                {"family": {"name": "Familie", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "FIRST"},
                 "children": [{"name": "Kind", "birthDate": "2015-01-01"}],
                 "referrer": {"name": "Arts", "organisation": "JGZ"}, "reasons": ["NOT_REACHING_HELP"],
                 "receivedOn": "%s"}""".formatted(TODAY.minusDays(10)));
        assertThat(referred.status()).isEqualTo(201);
        return referred.body().get("trajectoryId").asString();
    }

    private static String screening(String contraIndications, String overrideReason) {
        return """
                {"screenedOn": "%s", "indications": ["MIGRATION_BACKGROUND", "PARENTING_STRESS"],
                 "contraIndications": [%s], "overrideReason": %s}""".formatted(TODAY.minusDays(2), contraIndications,
                overrideReason == null ? "null" : "\"" + overrideReason + "\"");
    }

    /** Event type names and payloads of one trajectory, in order. */
    private static List<String[]> events(String trajectoryId) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement("""
                     SELECT payload_type, convert_from(payload, 'UTF8') FROM domain_event_entry
                     WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
            statement.setString(1, trajectoryId);
            List<String[]> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    events.add(new String[] {type.substring(type.lastIndexOf('.') + 1), rows.getString(2)});
                }
            }
            return events;
        }
    }

    private static List<String> eventTypes(String trajectoryId) throws Exception {
        return events(trajectoryId).stream().map(event -> event[0]).toList();
    }

    @Test
    void aScreeningWithoutContraIndicationKeepsTheFamilyWaiting() throws Exception {
        String id = refer();
        Answer screened = post("sanne", "/api/trajectories/" + id + "/screening", screening("", null));
        assertThat(screened.status()).isEqualTo(200);
        assertThat(screened.body().get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(eventTypes(id)).containsExactly("FamilyReferred", "FamilyScreened");
        // still waiting: a coach can be assigned
        assertThat(post("sanne", "/api/trajectories/" + id + "/assignment",
                "{\"coachId\": \"anna\", \"assignedOn\": \"%s\"}".formatted(TODAY)).status()).isEqualTo(200);
    }

    @Test
    void aContraIndicationWithoutOverrideDeclinesTheReferral() throws Exception {
        String id = refer();
        Answer screened = post("sanne", "/api/trajectories/" + id + "/screening", screening("\"SUICIDALITY\"", null));
        assertThat(screened.status()).isEqualTo(200);
        assertThat(screened.body().get("outcome").asString()).isEqualTo("DECLINED");
        assertThat(eventTypes(id)).containsExactly("FamilyReferred", "FamilyScreened", "ReferralDeclined");
        Answer declineAgain = post("sanne", "/api/trajectories/" + id + "/decline",
                "{\"declinedOn\": \"%s\", \"reason\": \"again\"}".formatted(TODAY));
        assertThat(declineAgain.status()).isEqualTo(409);
    }

    @Test
    void anOverrideAcceptsTheFamilyAndIsStoredEncrypted() throws Exception {
        String id = refer();
        Answer screened = post("sanne", "/api/trajectories/" + id + "/screening",
                screening("\"ALREADY_RECEIVING_PARENTING_SUPPORT\"", "other programme ends in May"));
        assertThat(screened.status()).isEqualTo(200);
        assertThat(screened.body().get("outcome").asString()).isEqualTo("ACCEPTED");
        List<String[]> events = events(id);
        assertThat(events).extracting(event -> event[0]).containsExactly("FamilyReferred", "FamilyScreened");
        assertThat(events.get(1)[1]).contains("ALREADY_RECEIVING_PARENTING_SUPPORT")
                .doesNotContain("other programme");
    }

    @Test
    void anUnknownContraIndicationIs400NamingTheFieldAndWritesNothing() throws Exception {
        String id = refer();
        Answer unknown = post("sanne", "/api/trajectories/" + id + "/screening", screening("\"BORED\"", null));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("errors").get(0).get("field").asString()).startsWith("contraIndications");
        assertThat(unknown.body().get("errors").get(0).get("rule").asString()).isEqualTo("one-of");
        Answer missing = post("sanne", "/api/trajectories/" + id + "/screening", "{\"screenedOn\": \"%s\"}"
                .formatted(TODAY));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(eventTypes(id)).containsExactly("FamilyReferred");
    }

    @Test
    void aScreeningOnceACoachIsAssignedIs409AndWritesNothing() throws Exception {
        String id = refer();
        assertThat(post("sanne", "/api/trajectories/" + id + "/assignment",
                "{\"coachId\": \"anna\", \"assignedOn\": \"%s\"}".formatted(TODAY.minusDays(5))).status()).isEqualTo(200);
        Answer late = post("sanne", "/api/trajectories/" + id + "/screening", screening("", null));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(eventTypes(id)).containsExactly("FamilyReferred", "CoachAssigned");
    }

    @Test
    void aCoachMayNotScreen() throws Exception {
        String id = refer();
        assertThat(post("anna", "/api/trajectories/" + id + "/screening", screening("", null)).status())
                .isEqualTo(403);
        assertThat(eventTypes(id)).containsExactly("FamilyReferred");
    }

    @Test
    void aSecondScreeningIs409() throws Exception {
        String id = refer();
        assertThat(post("sanne", "/api/trajectories/" + id + "/screening", screening("", null)).status())
                .isEqualTo(200);
        assertThat(post("sanne", "/api/trajectories/" + id + "/screening", screening("", null)).status())
                .isEqualTo(409);
    }

    @Test
    void theDeclineEndpointStillDeclinesWithoutScreening() throws Exception {
        String id = refer();
        assertThat(post("sanne", "/api/trajectories/" + id + "/decline",
                "{\"declinedOn\": \"%s\", \"reason\": \"parents refuse\"}".formatted(TODAY)).status()).isEqualTo(200);
        assertThat(eventTypes(id)).containsExactly("FamilyReferred", "ReferralDeclined");
    }

    private static long trajectories() throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement(
                     "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%FamilyReferred'");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String referralWithScreening(LocalDate screenedOn, String contraIndications) {
        return """
                {"family": {"name": "Familie", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "FIRST"},
                 "children": [{"name": "Kind", "birthDate": "2015-01-01"}],
                 "referrer": {"name": "Arts", "organisation": "JGZ"}, "reasons": ["NOT_REACHING_HELP"],
                 "receivedOn": "%s",
                 "screening": {"screenedOn": "%s", "indications": ["PARENTING_STRESS"],
                               "contraIndications": [%s]}}""".formatted(TODAY.minusDays(3), screenedOn,
                contraIndications);
    }

    @Test
    void theIntakeRecordsTheReferralAndItsScreeningInOneStep() throws Exception {
        Answer accepted = post("sanne", "/api/referrals", referralWithScreening(TODAY, ""));
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.body().get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(eventTypes(accepted.body().get("trajectoryId").asString()))
                .containsExactly("FamilyReferred", "FamilyScreened");

        Answer declined = post("sanne", "/api/referrals", referralWithScreening(TODAY, "\"SAFETY_RISK\""));
        assertThat(declined.status()).isEqualTo(201);
        assertThat(declined.body().get("outcome").asString()).isEqualTo("DECLINED");
        assertThat(eventTypes(declined.body().get("trajectoryId").asString()))
                .containsExactly("FamilyReferred", "FamilyScreened", "ReferralDeclined");
    }

    @Test
    void aRefusedScreeningAtIntakeStoresNoReferralEither() throws Exception {
        long before = trajectories();
        Answer early = post("sanne", "/api/referrals", referralWithScreening(TODAY.minusDays(4), ""));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.body().get("errors").get(0).get("field").asString()).isEqualTo("screening.screenedOn");
        assertThat(early.body().get("errors").get(0).get("rule").asString()).isEqualTo("not-before-referral");

        Answer unknown = post("sanne", "/api/referrals", referralWithScreening(TODAY, "\"NO_SUCH_THING\""));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(trajectories()).isEqualTo(before);
    }
}
