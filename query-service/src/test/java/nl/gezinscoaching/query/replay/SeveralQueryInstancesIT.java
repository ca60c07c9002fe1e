package nl.gezinscoaching.query.replay;

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
import java.util.function.BooleanSupplier;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.support.BothServices;
import nl.gezinscoaching.query.support.ViewClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two query-service instances (two Spring contexts in one JVM) on one database: each has its own token owner, they
 * share every processor's segments, a rebuild requested on one is carried out by both (and its status is the same
 * on both), and when one stops the other takes over its segments and keeps the views current.
 */
class SeveralQueryInstancesIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final String FACTS = "management-facts";

    private static BothServices services;
    private static ConfigurableApplicationContext second;
    private static ViewClient secondViews;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        services = BothServices.start();
        jdbc = new JdbcTemplate(services.postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        services.close();
    }

    private static ConfigurableApplicationContext secondQueryService() {
        return new SpringApplicationBuilder(QueryServiceApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(services.postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--platform.erasure-register.file=" + services.erasureRegister);
    }

    @Test
    void twoInstancesShareTheSegmentsAndARebuildAndOneTakesOverWhenTheOtherStops() {
        assertThat(services.send("/api/coaches", "{\"coachId\": \"ada\", \"name\": \"Ada\", \"cluster\": \"Noord\", \"fte\": 1}")
                .statusCode()).isEqualTo(201);
        List<String> families = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            families.add(aFamily(i));
        }
        awaitCaseload(services.views, families.size());

        second = secondQueryService();
        secondViews = new ViewClient(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
        String first = services.queryService.getBean(QueryNode.class).id();
        String other = second.getBean(QueryNode.class).id();
        // two contexts in one JVM: Axon's default owner (pid@host) would be the same for both
        assertThat(first).isNotEqualTo(other).startsWith(other.substring(0, other.indexOf('/') + 1));

        // the first instance held every segment; the fair share gives the second one half of each processor's
        await("each instance holds half of the segments", Duration.ofSeconds(30),
                () -> claims(FACTS).equals(Map.of(first, 1, other, 1)));
        Map<String, String> before = everyReadModel();
        String caseloadBefore = services.views.get("/api/caseload", "application/json").body();
        assertThat(secondViews.get("/api/caseload", "application/json").body()).isEqualTo(caseloadBefore);

        // a rebuild requested on the second instance is carried out by both
        ViewClient.Answer requested = secondViews.post("/api/admin/rebuild");
        assertThat(requested.status()).isEqualTo(202);
        long generation = requested.json().get("generation").asLong();
        assertThat(generation).isPositive();
        // a request on the other instance: refused while this generation runs, or a new generation if it is done
        ViewClient.Answer again = services.views.post("/api/admin/rebuild");
        if (again.status() == 409) {
            assertThat(again.json().get("generation").asLong()).as("no new generation").isEqualTo(generation);
        } else {
            assertThat(again.status()).isEqualTo(202);
            assertThat(again.json().get("generation").asLong()).isEqualTo(generation + 1);
        }
        await("rebuild finished, seen on the first instance", Duration.ofSeconds(60),
                () -> status(services.views).get("state").asString().equals("FINISHED"));
        JsonNode onFirst = status(services.views);
        JsonNode onSecond = status(secondViews);
        for (JsonNode status : List.of(onFirst, onSecond)) {
            assertThat(status.get("state").asString()).isEqualTo("FINISHED");
            assertThat(status.get("eventsDone").asLong()).isEqualTo(status.get("eventsTotal").asLong()).isPositive();
            assertThat(status.get("instances").asInt()).isEqualTo(2);
        }
        assertThat(onSecond.get("generation").asLong()).isEqualTo(onFirst.get("generation").asLong());
        assertThat(onSecond.get("finishedAt").asString()).isEqualTo(onFirst.get("finishedAt").asString());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model_rebuild WHERE reset_at IS NOT NULL",
                Integer.class)).as("reset once per generation").isEqualTo(
                jdbc.queryForObject("SELECT count(*) FROM read_model_rebuild", Integer.class));
        assertThat(everyReadModel()).isEqualTo(before);
        assertThat(secondViews.get("/api/caseload", "application/json").body()).isEqualTo(caseloadBefore);
        // both instances process again, each its share
        await("shared again after the rebuild", Duration.ofSeconds(30),
                () -> claims(FACTS).equals(Map.of(first, 1, other, 1)));

        // the second instance stops: the first takes over its segments and projects a new family
        second.close();
        second = null;
        await("the first instance holds every segment", Duration.ofSeconds(30),
                () -> claims(FACTS).equals(Map.of(first, 2)));
        families.add(aFamily(99));
        awaitCaseload(services.views, families.size());
    }

    /** Every read model table's rows, sorted, as text. */
    private static Map<String, String> everyReadModel() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_name LIKE 'rm\\_%' ORDER BY table_name", String.class)) {
            tables.put(table, jdbc.queryForObject("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM "
                    + table + " t", String.class));
        }
        assertThat(tables).isNotEmpty();
        return tables;
    }

    /** Current claims per owner of a processor's segments. */
    private static Map<String, Integer> claims(String processor) {
        Map<String, Integer> claims = new LinkedHashMap<>();
        jdbc.query("SELECT owner, count(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL GROUP BY owner",
                row -> {
                    claims.put(row.getString(1), row.getInt(2));
                }, processor);
        return claims;
    }

    private static JsonNode status(ViewClient views) {
        return views.json("/api/admin/rebuild");
    }

    private static String aFamily(int i) {
        HttpResponse<String> referred = services.send("/api/referrals", """
                {"family": {"reference": "REF-%1$d", "name": "Familie %1$d", "district": "Escamp", "language": "nl",
                            "interpreterNeeded": false, "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2014-03-02"}],
                 "referrer": {"name": "Dokter", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%2$s"}""".formatted(i, TODAY.minusDays(60)));
        assertThat(referred.statusCode()).isEqualTo(201);
        String id = JsonMapper.builder().build().readTree(referred.body()).get("trajectoryId").asString();
        assertThat(services.send("/api/trajectories/" + id + "/assignment",
                "{\"coachId\": \"ada\", \"assignedOn\": \"%s\"}".formatted(TODAY.minusDays(50))).statusCode()).isEqualTo(200);
        assertThat(services.send("/api/trajectories/" + id + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false, "summary": "Verslag"}"""
                .formatted(TODAY.minusDays(40))).statusCode()).isEqualTo(201);
        return id;
    }

    private static void awaitCaseload(ViewClient views, int families) {
        await(families + " families in the caseload", Duration.ofSeconds(60), () -> {
            JsonNode caseload = views.json("/api/caseload");
            return caseload.toString().contains("\"activeTrajectories\":" + families);
        });
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(() -> "waiting for: " + what + "; claims " + claims(FACTS)).isBefore(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
