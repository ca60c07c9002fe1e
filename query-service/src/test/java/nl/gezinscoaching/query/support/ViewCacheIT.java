package nl.gezinscoaching.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import io.micrometer.core.instrument.MeterRegistry;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The management views are computed once per state of the read models ({@link ViewCache}): asked again while no
 * event has been projected, the answer comes from the cache; once the projection has written a new event, the
 * next answer shows it. Events go through the event store and the real processors, as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ViewCacheIT {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    @Autowired
    EventStore eventStore;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void aViewIsComputedOncePerStateOfTheReadModelsAndAfreshAfterEachProjectedEvent() throws Exception {
        ViewClient views = new ViewClient(port, "mila", "mila");
        append("cora", 0, new CoachRegistered("cora", "Cora", "Noord", BigDecimal.ONE, DAY));
        append("dirk", 0, new CoachRegistered("dirk", "Dirk", "Zuid", BigDecimal.ONE, DAY));
        refer("cache-1", "cora");
        JsonNode first = await(views, "/api/caseload", caseload -> active(caseload, "cora") == 1);

        // The view can show the event before every segment's token has moved past it (each of the four
        // segments reads every event): a repeat counts only when no token moved between the two requests.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            String before = tokens();
            views.json("/api/caseload");
            double hits = hits();
            JsonNode again = views.json("/api/caseload");
            if (before.equals(tokens())) {
                assertThat(again).isEqualTo(first);
                assertThat(hits()).as("the same view of the same state is served from the cache")
                        .isEqualTo(hits + 1);
                break;
            }
            assertThat(Instant.now()).as("the tokens settle").isBefore(deadline);
            Thread.sleep(25);
        }

        // other parameters are another answer: the cluster filter is part of the key
        JsonNode noord = views.json("/api/caseload?cluster=Noord");
        assertThat(active(noord, "cora")).isEqualTo(1);
        assertThat(active(noord, "dirk")).as("not of Noord").isEqualTo(-1);

        // a new event projected: the next answer is computed again and shows it
        refer("cache-2", "cora");
        await(views, "/api/caseload", caseload -> active(caseload, "cora") == 2);
        await(views, "/api/caseload?cluster=Noord", caseload -> active(caseload, "cora") == 2);
    }

    /** Every management-facts segment's token, as the cache reads them. */
    private String tokens() {
        return jdbc.sql("SELECT coalesce(string_agg(segment || ':' || coalesce(md5(token), '-'), ',' ORDER BY segment), '')"
                + " FROM token_entry WHERE processor_name = 'management-facts'").query(String.class).single();
    }

    private double hits() {
        return meters.get("cache.gets").tags("cache", "query.views", "result", "hit").functionCounter().count();
    }

    private void refer(String trajectory, String coach) {
        append(trajectory, 0, new FamilyReferred(trajectory, DAY,
                new Family(null, "Familie", "Escamp", "nl", false, MigrationGeneration.NONE),
                List.of(new Child("Kind", LocalDate.of(2015, 1, 1))), new Referrer("Arts", "JGZ"),
                Set.of(ReferralReason.CHILD_SAFETY), false));
        append(trajectory, 1, new CoachAssigned(trajectory, coach, DAY));
    }

    private static int active(JsonNode caseload, String coachId) {
        for (JsonNode coach : caseload.get("coaches")) {
            if (coach.get("coachId").asString().equals(coachId)) {
                return coach.get("activeTrajectories").asInt();
            }
        }
        return -1;
    }

    /** Polls the view until it satisfies the condition, with a deadline. */
    private static JsonNode await(ViewClient views, String path, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode view = views.json(path);
            if (condition.test(view)) {
                return view;
            }
            assertThat(Instant.now()).as(path + " shows the projected events").isBefore(deadline);
            Thread.sleep(25);
        }
    }

    private void append(String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(payload instanceof CoachRegistered ? "Coach" : "Trajectory",
                aggregateId, sequence, payload));
    }
}
