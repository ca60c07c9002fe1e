package nl.gezinscoaching.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.plan.GoalSet;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.privacy.ErasureRequester;
import nl.gezinscoaching.events.privacy.PersonalDataErased;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
import nl.gezinscoaching.query.analytics.Pseudonyms;
import nl.gezinscoaching.query.support.ViewClient;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pseudonymised event export over a store that holds names, birth dates, client numbers and free text:
 * none of them, and no raw id, is in it; two keys give unlinkable pseudonyms; a rare language is
 * generalised by the k-anonymity rule; an erased family still counts; {@code until} cuts the history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "analytics.k-anonymity.k=5")
// a context of its own (its k): closed after the class, so its processors do not load the other tests
@org.springframework.test.annotation.DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate REFERRED = LocalDate.of(2025, 3, 3);
    private static final String COACH = "coach-ada-" + UUID.randomUUID();
    private static final List<String> RARE = List.of("ti", "so", "am", "ur", "ps");

    @Autowired
    DataSource dataSource;
    @Autowired
    Serializer serializer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventExport export;
    @LocalServerPort
    int port;

    private final List<String> trajectories = new ArrayList<>();
    private String erased;

    @BeforeAll
    void store() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            append(connection, COACH, 0, "Coach", new CoachRegistered(COACH, "Ada Zwaluwstaart", "Noord",
                    BigDecimal.ONE, LocalDate.of(2020, 1, 1)));
            for (int i = 0; i < 6; i++) {
                trajectories.add(family(connection, "nl", i));
            }
            for (int i = 0; i < RARE.size(); i++) {
                trajectories.add(family(connection, RARE.get(i), 10 + i));
            }
            // erased: the key is gone (as the command service deletes it), the erasure is an event
            erased = trajectories.get(0);
            append(connection, erased, 6, "Trajectory", new PersonalDataErased(erased, REFERRED.plusDays(300),
                    ErasureRequester.PARENT, "AVG art. 17 Zwaluwgrond"));
            jdbc.sql("DELETE FROM family_key WHERE subject_id = ?").param(erased).update();
        }
    }

    private String family(Connection connection, String language, int n) throws Exception {
        String id = UUID.randomUUID().toString();
        append(connection, id, 0, "Trajectory", new FamilyReferred(id, REFERRED,
                new Family("REF-Zwaluw-" + n, "Familie Zwaluw" + n, "Escamp", language, false, MigrationGeneration.NONE),
                List.of(new Child("KindZwaluw" + n, LocalDate.of(2013, 7, 19)), new Child("Baby", REFERRED.minusYears(1))),
                new Referrer("DokterZwaluw" + n, "JGZ Den Haag"), Set.of(ReferralReason.CHILD_SAFETY), false));
        append(connection, id, 1, "Trajectory", new CoachAssigned(id, COACH, REFERRED.plusDays(10)));
        append(connection, id, 2, "Trajectory", new HomeVisitHeld(id, UUID.randomUUID().toString(),
                REFERRED.plusDays(20), 60, false, "VerslagZwaluw" + n, VisitLocation.SCHOOL));
        append(connection, id, 3, "Trajectory", new GoalSet(id, UUID.randomUUID().toString(), "DoelZwaluw" + n,
                LifeDomain.FINANCES, REFERRED.plusDays(30), List.of(Subgoal.values()[0])));
        append(connection, id, 4, "Trajectory", new TrajectoryClosed(id, REFERRED.plusDays(200),
                ClosureReason.FAMILY_IN_CONTROL, 8, 7, language));
        append(connection, id, 5, "Trajectory", new nl.gezinscoaching.events.aftercare.AftercareCallLogged(id,
                REFERRED.plusDays(230), nl.gezinscoaching.events.aftercare.Wellbeing.STABLE, "NazorgZwaluw" + n));
        return id;
    }

    private void append(Connection connection, String aggregate, long sequence, String type, Object event)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregate);
            insert.setLong(3, sequence);
            insert.setString(4, type);
            insert.setString(5, Instant.now().toString());
            insert.setString(6, event.getClass().getName());
            insert.setBytes(7, serializer.serialize(event, byte[].class).getData());
            insert.setBytes(8, "{\"recordedBy\":\"Ada Zwaluwstaart\"}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private String exportOf(LocalDate until, Pseudonyms pseudonyms) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(until, out, pseudonyms);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> lines(String ndjson) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void theExportHoldsNoNameBirthDateClientNumberFreeTextOrRawId() throws Exception {
        ViewClient.Answer answer = new ViewClient(port, "ali", "ali").get("/api/export/events", "application/x-ndjson");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/x-ndjson");
        String body = answer.body();
        // the store really holds them (decrypted for a reader with the key), so their absence means something
        assertThat(body).contains("\"type\":\"FamilyReferred\"", "\"type\":\"HomeVisitHeld\"");
        for (String secret : List.of("Zwaluw", "2013-07-19", "REF-", "Dokter", "Kind", "Baby", "JGZ Den Haag",
                COACH, "AVG art. 17")) {
            assertThat(body).as("the export shows " + secret).doesNotContain(secret);
        }
        for (String id : trajectories) {
            assertThat(body).as("a raw trajectory id").doesNotContain(id);
        }
        assertThat(body).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        List<JsonNode> lines = lines(body);
        assertThat(lines.get(0).get("export").get("k").asInt()).isEqualTo(5);
        assertThat(lines.get(0).get("export").get("anonymisation").asText()).startsWith("k-anonymity k=5");
        JsonNode referral = lines.stream().filter(l -> "FamilyReferred".equals(l.path("type").asText())).findFirst()
                .orElseThrow();
        assertThat(referral.get("occurredOn").asText()).isEqualTo(REFERRED.toString());
        assertThat(referral.get("revision").asText()).isEqualTo("1");
        assertThat(referral.get("trajectory").asText()).matches("[0-9a-f]{32}");
        assertThat(referral.get("data").get("family").get("district").asText()).isEqualTo("Escamp");
        assertThat(referral.get("data").get("referrer").get("type").asText()).isEqualTo("YOUTH_HEALTH_CARE");
        assertThat(referral.get("data").get("reasons").get(0).asText()).isEqualTo("CHILD_SAFETY");
        JsonNode assigned = lines.stream().filter(l -> "CoachAssigned".equals(l.path("type").asText())).findFirst()
                .orElseThrow();
        assertThat(assigned.get("coach").asText()).matches("[0-9a-f]{32}");
        assertThat(assigned.get("data").get("coachId").asText()).isEqualTo(assigned.get("coach").asText());
        // every trajectory keeps all its events: 6 each, and the erasure
        assertThat(lines.stream().filter(l -> l.has("type")).count()).isEqualTo(1 + 11 * 6 + 1);
    }

    @Test
    void childrenBecomeAgeBandsAndAnErasedFamilyStillCountsWithoutThem() throws Exception {
        Pseudonyms pseudonyms = Pseudonyms.withKey("test-key");
        List<JsonNode> lines = lines(exportOf(null, pseudonyms));
        String erasedPseudonym = pseudonyms.trajectory(erased);
        String keptPseudonym = pseudonyms.trajectory(trajectories.get(1));
        JsonNode erasedReferral = referralOf(lines, erasedPseudonym);
        JsonNode keptReferral = referralOf(lines, keptPseudonym);
        assertThat(keptReferral.get("data").get("childAgeBands").toString()).isEqualTo("[\"4-11\",\"0-3\"]");
        assertThat(erasedReferral.get("data").get("childAgeBands").toString()).isEqualTo("[\"unknown\",\"unknown\"]");
        assertThat(erasedReferral.get("data").get("family").get("language").asText()).isEqualTo("nl");
        assertThat(lines.stream().filter(l -> erasedPseudonym.equals(l.path("trajectory").asText())).map(l -> l.get("type").asText()))
                .containsExactly("FamilyReferred", "CoachAssigned", "HomeVisitHeld", "GoalSet", "TrajectoryClosed",
                        "AftercareCallLogged", "PersonalDataErased");
    }

    @Test
    void aRareLanguageIsGeneralisedToOtherInTheReferralAndInTheClosingLetter() throws Exception {
        String ndjson = exportOf(null, Pseudonyms.withKey("test-key"));
        List<JsonNode> lines = lines(ndjson);
        List<String> languages = new ArrayList<>();
        List<String> letters = new ArrayList<>();
        for (JsonNode line : lines) {
            if ("FamilyReferred".equals(line.path("type").asText())) {
                languages.add(line.get("data").get("family").get("language").asText());
            }
            if ("TrajectoryClosed".equals(line.path("type").asText())) {
                letters.add(line.get("data").get("closingLetterLanguage").asText());
            }
        }
        // five families each speak a language nobody else in the caseload speaks: together they are five "other"
        assertThat(languages).containsExactlyInAnyOrder("nl", "nl", "nl", "nl", "nl", "nl",
                "other", "other", "other", "other", "other");
        assertThat(letters).containsOnly("nl", "other");
        for (String rare : RARE) {
            assertThat(ndjson).doesNotContain("\"" + rare + "\"");
        }
        assertThat(lines.get(0).get("export").get("anonymisation").asText()).contains("5 rows generalised");
    }

    @Test
    void twoKeysGiveUnlinkablePseudonymsAndOneKeyTheSameOnes() throws Exception {
        Set<String> first = pseudonymsIn(exportOf(null, Pseudonyms.withKey("key-one")));
        Set<String> again = pseudonymsIn(exportOf(null, Pseudonyms.withKey("key-one")));
        Set<String> other = pseudonymsIn(exportOf(null, Pseudonyms.withKey("key-two")));
        assertThat(first).hasSize(trajectories.size() + 1 + 2 * trajectories.size()); // + coach, visits, goals
        assertThat(again).isEqualTo(first);
        assertThat(other).hasSameSizeAs(first).doesNotContainAnyElementsOf(first);
    }

    @Test
    void untilCutsTheHistoryAtABusinessDate() throws Exception {
        List<JsonNode> lines = lines(exportOf(REFERRED.plusDays(25), Pseudonyms.withKey("test-key")));
        Set<String> types = new TreeSet<>();
        lines.stream().filter(l -> l.has("type")).forEach(l -> types.add(l.get("type").asText()));
        assertThat(types).containsExactly("CoachAssigned", "CoachRegistered", "FamilyReferred", "HomeVisitHeld");
        assertThat(lines.get(0).get("export").get("until").asText()).isEqualTo(REFERRED.plusDays(25).toString());
        assertThat(lines.stream().filter(l -> l.has("type"))
                .allMatch(l -> !LocalDate.parse(l.get("occurredOn").asText()).isAfter(REFERRED.plusDays(25)))).isTrue();
    }

    @Test
    void theDurationsExportGeneralisesARareLanguageToo() throws Exception {
        ViewClient analyst = new ViewClient(port, "ali", "ali");
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        JsonNode durations = JSON.readTree(analyst.get("/api/analytics/durations", "application/json").body());
        while (durations.get("page").get("totalItems").asInt() < trajectories.size()) {
            assertThat(java.time.Instant.now()).as("all trajectories projected").isBefore(deadline);
            Thread.sleep(50);
            durations = JSON.readTree(analyst.get("/api/analytics/durations", "application/json").body());
        }
        List<String> combinations = new ArrayList<>();
        durations.get("rows").forEach(row -> combinations.add(row.get("referralMonth").asText() + " "
                + row.get("language").asText() + " " + row.get("district").asText()));
        assertThat(combinations).containsExactlyInAnyOrder(
                "2025-03 nl Escamp", "2025-03 nl Escamp", "2025-03 nl Escamp", "2025-03 nl Escamp",
                "2025-03 nl Escamp", "2025-03 nl Escamp", "2025-Q1 other Escamp", "2025-Q1 other Escamp",
                "2025-Q1 other Escamp", "2025-Q1 other Escamp", "2025-Q1 other Escamp");
        assertThat(durations.get("anonymisation").asText()).startsWith("k-anonymity k=5").contains("5 rows generalised");
        ViewClient.Answer csv = analyst.get("/api/analytics/durations", "text/csv");
        for (String rare : RARE) {
            assertThat(csv.body()).doesNotContain("\"" + rare + "\"");
        }
    }

    @Test
    void onlyAnalystsAndAdministratorsMayExport() {
        assertThat(new ViewClient(port, "anna", "anna").get("/api/export/events", "application/x-ndjson").status())
                .isEqualTo(403);
        assertThat(new ViewClient(port, "mila", "mila").get("/api/export/events", "application/x-ndjson").status())
                .isEqualTo(403);
        assertThat(new ViewClient(port).get("/api/export/events?until=2025-02-30", "application/x-ndjson").status())
                .isEqualTo(400);
    }

    private static JsonNode referralOf(List<JsonNode> lines, String pseudonym) {
        return lines.stream().filter(l -> "FamilyReferred".equals(l.path("type").asText())
                && pseudonym.equals(l.path("trajectory").asText())).findFirst().orElseThrow();
    }

    private static Set<String> pseudonymsIn(String ndjson) {
        Set<String> found = new TreeSet<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"([0-9a-f]{32})\"").matcher(ndjson);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
