package nl.gezinscoaching.query.mine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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
 * "Mijn gezinnen" through both services' APIs: a coach sees her own open families with their names and what
 * is due, most urgent first; a senior coach also her cluster's and the waiting list; nobody sees another
 * cluster's families; each name shown is in the read audit.
 */
class MyFamiliesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static BothServices services;
    private static int queryPort;
    private static String unreached;
    private static String contacted;
    private static String inAftercare;
    private static String waiting;

    @BeforeAll
    static void givenFamiliesOfAnnaBramAndTheWaitingList() {
        services = BothServices.start();
        queryPort = Integer.parseInt(services.queryService.getEnvironment().getProperty("local.server.port"));
        send("/api/coaches", "{\"coachId\": \"anna\", \"name\": \"Anna\", \"cluster\": \"Noord\", \"fte\": 1.0, \"registeredOn\": \"2020-01-01\"}");
        send("/api/coaches", "{\"coachId\": \"bram\", \"name\": \"Bram\", \"cluster\": \"Zuid\", \"fte\": 1.0, \"registeredOn\": \"2020-01-01\"}");

        unreached = refer("Familie Jansen", 25);
        assign(unreached, "anna", 20);
        contacted = refer("Familie De Vries", 15);
        assign(contacted, "anna", 10);
        send("/api/trajectories/" + contacted + "/phone-contacts",
                "{\"contactedOn\": \"%s\", \"durationMinutes\": 15}".formatted(daysAgo(3)));
        // recorded after the phone call but held before it: the newest contact of any kind counts, not the last recorded
        send("/api/trajectories/" + contacted + "/home-visits",
                "{\"visitedOn\": \"%s\", \"durationMinutes\": 60, \"interpreterUsed\": false}".formatted(daysAgo(8)));
        inAftercare = refer("Familie El Amrani", 220);
        assign(inAftercare, "anna", 200);
        send("/api/trajectories/" + inAftercare + "/closure",
                "{\"closedOn\": \"%s\", \"reason\": \"FAMILY_IN_CONTROL\"}".formatted(daysAgo(30)));
        String ended = refer("Familie Bakker", 300);
        assign(ended, "anna", 290);
        send("/api/trajectories/" + ended + "/closure",
                "{\"closedOn\": \"%s\", \"reason\": \"FAMILY_IN_CONTROL\"}".formatted(daysAgo(120)));
        send("/api/trajectories/" + ended + "/aftercare-end", "{\"endedOn\": \"%s\"}".formatted(daysAgo(20)));
        String brams = refer("Familie Visser", 40);
        assign(brams, "bram", 30);
        waiting = refer("Familie Yilmaz", 6);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void aCoachSeesHerOpenFamiliesByNameMostUrgentFirst() throws InterruptedException {
        JsonNode anna = await("anna", view -> ids(view.get("own")).equals(List.of(unreached, inAftercare, contacted))
                && !view.get("own").get(2).get("lastContactOn").isNull());

        JsonNode first = anna.get("own").get(0);
        assertThat(first.get("familyName").asString()).isEqualTo("Familie Jansen");
        assertThat(first.get("due").get(0).get("kind").asString()).isEqualTo("NO_CONTACT");
        assertThat(first.get("due").get(0).get("days").asLong()).isEqualTo(20);
        JsonNode second = anna.get("own").get(1);
        assertThat(second.get("stage").asString()).isEqualTo("AFTERCARE");
        assertThat(second.get("due").get(0).get("kind").asString()).isEqualTo("AFTERCARE_CALL");
        JsonNode third = anna.get("own").get(2);
        assertThat(third.get("familyName").asString()).isEqualTo("Familie De Vries");
        assertThat(third.get("lastContactOn").asString()).isEqualTo(daysAgo(3));
        assertThat(third.get("due")).isEmpty();
        assertThat(anna.get("cluster")).isEmpty();
        assertThat(anna.get("waiting")).as("only senior coaches triage").isEmpty();
    }

    @Test
    void aCoachOfAnotherClusterSeesOnlyHerOwn() throws InterruptedException {
        JsonNode bram = await("bram", view -> view.get("own").size() == 1);

        assertThat(bram.get("own").get(0).get("familyName").asString()).isEqualTo("Familie Visser");
        assertThat(bram.get("cluster")).isEmpty();
    }

    @Test
    void aSeniorCoachAlsoSeesHerClustersFamiliesAndTheWaitingList() throws InterruptedException {
        JsonNode sanne = await("sanne", view -> view.get("cluster").size() == 3 && view.get("waiting").size() == 1);

        assertThat(sanne.get("own")).isEmpty();
        assertThat(ids(sanne.get("cluster"))).containsExactly(unreached, inAftercare, contacted);
        JsonNode family = sanne.get("waiting").get(0);
        assertThat(family.get("trajectoryId").asString()).isEqualTo(waiting);
        assertThat(family.get("familyName").asString()).isEqualTo("Familie Yilmaz");
        assertThat(family.get("daysWaiting").asLong()).isEqualTo(6);
    }

    @Test
    void everyNameShownIsInTheReadAudit() throws InterruptedException {
        await("anna", view -> ids(view.get("own")).contains(unreached));

        JsonNode reads = new ViewClient(queryPort, "mila", "mila").json("/api/families/" + unreached + "/reads");
        assertThat(StreamSupport.stream(reads.get("reads").spliterator(), false)
                .anyMatch(read -> read.get("reader").asString().equals("anna")
                        && read.get("purpose").asString().equals(FamilyNames.PURPOSE))).as(reads.toString()).isTrue();
    }

    @Test
    void aKeyErasedByAnotherProcessHidesTheNameAtTheNextRead() throws Exception {
        String visser = ids(await("bram", view -> view.get("own").size() == 1
                && "Familie Visser".equals(view.get("own").get(0).get("familyName").asString())).get("own")).get(0);
        // the erasure committed elsewhere (the command service, another query instance): this instance still has
        // the key in its cache, and has not yet seen the erasure's event. The key is put back after the read.
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE family_key SET subject_id = subject_id || '-away' WHERE subject_id = '"
                    + visser + "'");
            try {
                JsonNode family = new ViewClient(queryPort, "bram", "bram").json("/api/my-families").get("own").get(0);
                assertThat(family.get("trajectoryId").asString()).isEqualTo(visser);
                JsonNode name = family.get("familyName");
                assertThat(name == null || name.isNull()).as(family.toString()).isTrue();
            } finally {
                statement.executeUpdate("UPDATE family_key SET subject_id = '" + visser + "' WHERE subject_id = '"
                        + visser + "-away'");
            }
        }
    }

    private static JsonNode await(String user, Predicate<JsonNode> condition) throws InterruptedException {
        ViewClient client = new ViewClient(queryPort, user, user);
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            ViewClient.Answer answer = client.get("/api/my-families", "application/json");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            last = answer.json();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(user + "'s families did not reach the expected state within " + DEADLINE + ": " + last);
    }

    private static List<String> ids(JsonNode families) {
        return StreamSupport.stream(families.spliterator(), false).map(f -> f.get("trajectoryId").asString()).toList();
    }

    private static String daysAgo(int days) {
        return TODAY.minusDays(days).toString();
    }

    private static JsonNode send(String path, String json) {
        HttpResponse<String> response = services.send(path, json);
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private static String refer(String name, int daysAgo) {
        return send("/api/referrals", """
                {"family": {"name": "%s", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2016-04-04"}],
                 "referrer": {"name": "Jeugdarts", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%s"}""".formatted(name, daysAgo(daysAgo)))
                .get("trajectoryId").asString();
    }

    private static void assign(String trajectory, String coach, int daysAgo) {
        send("/api/trajectories/" + trajectory + "/assignment",
                "{\"coachId\": \"%s\", \"assignedOn\": \"%s\"}".formatted(coach, daysAgo(daysAgo)));
    }
}
