package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import nl.gezinscoaching.query.support.BothServices;
import nl.gezinscoaching.query.support.ViewClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every list view pages its JSON (page from 0, size 1 to 1,000, totals beside the items, a complete
 * order so that pages neither overlap nor leave rows out) and answers its CSV with the whole list, on
 * both real services and one PostgreSQL.
 */
class ListPagingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int FAMILIES = 5;

    private static BothServices services;
    private static ViewClient views;
    private static String readFamily;

    /**
     * One list view: where its items and their page are in the JSON, the field that names an item, and the
     * field that the CSV has too (and which of the CSV's lines are this list's).
     */
    record ListView(String path, String items, String pageInfo, String key, String csvColumn,
                    Predicate<String> csvRow) {
    }

    private static final List<ListView> LISTS = List.of(
            new ListView("/api/waiting-list", "awaitingCoach", "awaitingCoachPage", "trajectoryId", "trajectoryId",
                    line -> line.startsWith("\"COACH\"")),
            new ListView("/api/waiting-list", "awaitingAgency", "awaitingAgencyPage", "agencyReferralId",
                    "trajectoryId", line -> line.startsWith("\"AGENCY\"")),
            new ListView("/api/overruns", "trajectories", "page", "trajectoryId", "trajectoryId", line -> true),
            new ListView("/api/retention", "due", "page", "trajectoryId", "trajectoryId", line -> true),
            new ListView("/api/analytics/durations", "rows", "page", "pseudonym", "pseudonym", line -> true));

    @BeforeAll
    static void recordFamilies() throws Exception {
        services = BothServices.start();
        views = services.views;
        send("/api/coaches", "{\"coachId\": \"paging-coach\", \"name\": \"Pim\", \"cluster\": \"Noord\", \"fte\": 1.0}");
        for (int i = 0; i < FAMILIES; i++) {
            refer(10 + i); // waiting for a coach
            String late = refer(400 + i); // overrunning, and waiting for an agency
            send("/api/trajectories/" + late + "/assignment",
                    "{\"coachId\": \"paging-coach\", \"assignedOn\": \"%s\"}".formatted(TODAY.minusDays(390)));
            send("/api/trajectories/" + late + "/agency-referrals",
                    "{\"agency\": \"GGZ\", \"referredOn\": \"%s\"}".formatted(TODAY.minusDays(100 + i)));
            String old = refer(22 * 366 + i); // closed long ago: due for erasure
            send("/api/trajectories/" + old + "/closure",
                    "{\"closedOn\": \"%s\", \"reason\": \"MOVED_AWAY\"}".formatted(TODAY.minusYears(21).minusDays(i)));
            if (i == 0) {
                readFamily = late;
            }
        }
        awaitView("/api/retention", r -> r.get("page").get("totalItems").asInt() == FAMILIES);
        awaitView("/api/overruns", o -> o.get("page").get("totalItems").asInt() == FAMILIES
                && o.get("trajectories").findValues("waitingOnAgency").stream().allMatch(JsonNode::asBoolean));
        awaitView("/api/waiting-list", w -> w.get("awaitingCoachPage").get("totalItems").asInt() == FAMILIES
                && w.get("awaitingAgencyPage").get("totalItems").asInt() == FAMILIES);
        for (int i = 0; i < FAMILIES; i++) {
            assertThat(views.get("/api/trajectories/" + readFamily + "/history", "application/json").status())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void pagesOfTwoTogetherHoldTheWholeListInItsOrderWithoutOverlap() throws Exception {
        for (ListView list : LISTS) {
            JsonNode all = views.json(list.path() + "?size=1000");
            List<String> whole = values(all, list, list.key());
            assertThat(whole).as(list.items()).hasSizeGreaterThanOrEqualTo(FAMILIES).doesNotHaveDuplicates();

            List<String> paged = new ArrayList<>();
            JsonNode first = views.json(list.path() + "?size=2");
            long totalPages = first.get(list.pageInfo()).get("totalPages").asLong();
            assertThat(first.get(list.pageInfo()).get("totalItems").asLong()).as(list.items()).isEqualTo(whole.size());
            assertThat(totalPages).as(list.items()).isEqualTo((whole.size() + 1) / 2);
            for (int page = 0; page < totalPages; page++) {
                JsonNode answer = views.json(list.path() + "?page=" + page + "&size=2");
                assertThat(answer.get(list.pageInfo()).get("number").asInt()).isEqualTo(page);
                assertThat(answer.get(list.pageInfo()).get("size").asInt()).isEqualTo(2);
                assertThat(answer.get(list.items()).size()).isBetween(1, 2);
                paged.addAll(values(answer, list, list.key()));
            }
            assertThat(paged).as(list.items() + " page by page").containsExactlyElementsOf(whole);

            JsonNode beyond = views.json(list.path() + "?page=" + totalPages + "&size=2");
            assertThat(beyond.get(list.items()).size()).as("a page past the end is empty").isZero();
            assertThat(beyond.get(list.pageInfo()).get("totalItems").asLong()).isEqualTo(whole.size());

            assertThat(csvColumn(list)).as(list.items() + " as CSV: the whole list, in order")
                    .containsExactlyElementsOf(values(all, list, list.csvColumn()));
        }
    }

    @Test
    void withoutPageParametersTheFirstHundredAreAnswered() {
        JsonNode retention = views.json("/api/retention");
        assertThat(retention.get("page").get("number").asInt()).isZero();
        assertThat(retention.get("page").get("size").asInt()).isEqualTo(100);
        assertThat(retention.get("due").size()).isEqualTo(FAMILIES);
    }

    @Test
    void aFamilysReadsArePagedNewestFirstAndTheirCsvHoldsThemAll() {
        String path = "/api/families/" + readFamily + "/reads";
        JsonNode all = views.json(path + "?size=1000");
        assertThat(all.get("page").get("totalItems").asInt()).isEqualTo(FAMILIES);
        List<String> whole = all.get("reads").findValuesAsString("readAt");
        assertThat(whole).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            paged.addAll(views.json(path + "?page=" + page + "&size=2").get("reads").findValuesAsString("readAt"));
        }
        assertThat(paged).containsExactlyElementsOf(whole);
        assertThat(views.get(path, "text/csv").body().lines().count()).as("header and every read").isEqualTo(FAMILIES + 1);
    }

    @Test
    void invalidPageParametersAreRefusedNamingParameterAndRule() {
        Map<String, String> refused = Map.of("page=-1", "page not-negative", "size=0", "size min",
                "size=1001", "size max", "page=first", "page type", "size=1e3", "size type");
        for (String path : List.of("/api/waiting-list", "/api/overruns", "/api/retention", "/api/analytics/durations",
                "/api/families/" + readFamily + "/reads")) {
            refused.forEach((query, expected) -> {
                ViewClient.Answer answer = views.get(path + "?" + query, "application/json");
                assertThat(answer.status()).as(path + "?" + query).isEqualTo(400);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                JsonNode error = answer.json().get("errors").get(0);
                assertThat(error.get("field").asString() + " " + error.get("rule").asString())
                        .as(path + "?" + query).isEqualTo(expected);
            });
        }
        assertThat(views.get("/api/retention?size=1000", "application/json").status()).isEqualTo(200);
    }

    private static List<String> values(JsonNode answer, ListView list, String field) {
        List<String> values = new ArrayList<>();
        answer.get(list.items()).forEach(item -> values.add(item.get(field).asString()));
        return values;
    }

    private static List<String> csvColumn(ListView list) throws Exception {
        ViewClient.Answer csv = views.get(list.path(), "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String header = csv.body().lines().findFirst().orElseThrow();
        String rows = String.join("\n", csv.body().lines().skip(1).filter(list.csvRow()).toList());
        try (MappingIterator<Map<String, String>> parsed = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(header + "\n" + rows)) {
            return parsed.readAll().stream().map(row -> row.get(list.csvColumn())).toList();
        }
    }

    private static String refer(int daysAgo) {
        return send("/api/referrals", """
                {"family": {"name": "Familie Pagina", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "%s"}],
                 "referrer": {"name": "Jeugdarts", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%s"}"""
                .formatted(TODAY.minusDays(daysAgo + 100), TODAY.minusDays(daysAgo)))
                .get("trajectoryId").asString();
    }

    private static JsonNode send(String path, String json) {
        HttpResponse<String> response = services.send(path, json);
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    /** Polls a view until the condition holds; fails with the last answer when the deadline passes. */
    private static void awaitView(String path, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            ViewClient.Answer answer = views.get(path, "application/json");
            if (answer.status() == 200) {
                last = answer.json();
                if (condition.test(last)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("View " + path + " did not reach the expected state within " + DEADLINE + ": " + last);
    }
}
