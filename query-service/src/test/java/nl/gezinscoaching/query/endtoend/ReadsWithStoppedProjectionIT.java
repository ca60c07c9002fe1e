package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import nl.gezinscoaching.query.support.BothServices;
import nl.gezinscoaching.query.support.ViewClient;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A history read decides on facts that are current in the same transaction as the events, not on the
 * management-facts projection: with that processor stopped (a lagging or stalled projection, a second
 * query-service instance that owns the other segment, a rebuild), an erasure and a reassignment take
 * effect at the very next read.
 */
class ReadsWithStoppedProjectionIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final String PROJECTION = "management-facts";

    private static BothServices services;
    private static int queryPort;

    @BeforeAll
    static void start() {
        services = BothServices.start();
        queryPort = Integer.parseInt(services.queryService.getEnvironment().getProperty("local.server.port"));
        for (String coach : new String[] {"anna:Noord", "bram:Zuid"}) {
            String[] parts = coach.split(":");
            assertThat(send("/api/coaches", """
                    {"coachId": "%s", "name": "%s", "cluster": "%s", "fte": 1}""".formatted(parts[0], parts[0], parts[1]))
                    .statusCode()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @AfterEach
    void restartProjection() {
        projection().start();
    }

    private static StreamingEventProcessor projection() {
        return services.queryService.getBean(EventProcessingConfiguration.class)
                .eventProcessor(PROJECTION, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private static void stopProjection() {
        projection().shutDown();
        assertThat(projection().isRunning()).isFalse();
    }

    private static HttpResponse<String> send(String path, String json) {
        return services.send(path, json);
    }

    private static ViewClient as(String user) {
        return new ViewClient(queryPort, user, user);
    }

    private static int historyStatus(String user, String trajectory) {
        return as(user).get("/api/trajectories/" + trajectory + "/history", "application/json").status();
    }

    private static String refer(String marker) {
        HttpResponse<String> referred = send("/api/referrals", """
                {"family": {"name": "Familie %1$s", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind%1$s", "birthDate": "2014-03-08"}],
                 "referrer": {"name": "Arts", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%2$s"}""".formatted(marker, TODAY.minusDays(60)));
        assertThat(referred.statusCode()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(referred.body()).get("trajectoryId").asString();
    }

    private static void assign(String trajectory, String coach, LocalDate on) {
        assertThat(send("/api/trajectories/" + trajectory + "/assignment",
                "{\"coachId\": \"%s\", \"assignedOn\": \"%s\"}".formatted(coach, on)).statusCode()).isEqualTo(200);
    }

    /** Waits until the projection has the trajectory's assignments, so the test starts from a caught-up view. */
    private static void awaitProjected(String trajectory, int assignments) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (countAssignments(trajectory) < assignments) {
            assertThat(Instant.now()).as("projection caught up").isBefore(deadline);
            Thread.sleep(25);
        }
    }

    private static long countAssignments(String trajectory) {
        return services.queryService.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT count(*) FROM rm_assignment WHERE trajectory_id = ?").param(trajectory)
                .query(Long.class).single();
    }

    @Test
    void aReassignedFamilyIsReadByItsNewCoachAndNoLongerByTheOldOneAtOnce() throws Exception {
        String family = refer("Wouw");
        assign(family, "anna", TODAY.minusDays(50));
        awaitProjected(family, 1);
        assertThat(historyStatus("anna", family)).isEqualTo(200);
        assertThat(historyStatus("bram", family)).isEqualTo(403);
        stopProjection();

        assign(family, "bram", TODAY.minusDays(10));

        assertThat(historyStatus("anna", family)).as("the previous coach").isEqualTo(403);
        assertThat(historyStatus("bram", family)).as("the new coach").isEqualTo(200);
        assertThat(historyStatus("sanne", family)).as("a senior coach of the old coach's cluster").isEqualTo(403);
        assertThat(countAssignments(family)).as("the projection did not see the reassignment").isEqualTo(1);
    }

    @Test
    void aFamilyReferredWhileTheProjectionStandsStillIsReadByItsCoach() {
        stopProjection();
        String family = refer("Kievit");
        assign(family, "anna", TODAY.minusDays(50));

        assertThat(historyStatus("anna", family)).isEqualTo(200);
        assertThat(historyStatus("bram", family)).isEqualTo(403);
    }

    @Test
    void aWaitingFamilyIsReadBySeniorCoachesAndByNoCoach() throws Exception {
        String waiting = refer("Reiger");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!as("admin").get("/api/waiting-list", "application/json").body().contains(waiting)) {
            assertThat(Instant.now()).as("on the projected waiting list").isBefore(deadline);
            Thread.sleep(25);
        }

        assertThat(historyStatus("sanne", waiting)).as("a senior coach").isEqualTo(200);
        assertThat(historyStatus("anna", waiting)).as("a coach").isEqualTo(403);
        assertThat(historyStatus("mila", waiting)).as("a manager").isEqualTo(200);
    }

    @Test
    void aFamilyClosedFromTheWaitingListIsNoLongerTheSeniorCoachesToRead() {
        String closed = refer("Fuut");
        assertThat(send("/api/trajectories/" + closed + "/closure", """
                {"closedOn": "%s", "reason": "MOVED_AWAY"}""".formatted(TODAY.minusDays(5))).statusCode())
                .isEqualTo(200);

        assertThat(historyStatus("sanne", closed)).as("a senior coach").isEqualTo(403);
        assertThat(historyStatus("mila", closed)).as("a manager").isEqualTo(200);
    }

    @Test
    void anUnknownTrajectoryIsNotFoundForACoach() {
        assertThat(historyStatus("anna", "no-such-trajectory")).isEqualTo(404);
    }

    @Test
    void anErasedFamilysNamesAreGoneFromTheNextReadWhileTheProjectionStandsStill() throws Exception {
        String family = refer("Grutto");
        assign(family, "anna", TODAY.minusDays(50));
        assertThat(send("/api/trajectories/" + family + "/closure", """
                {"closedOn": "%s", "reason": "FAMILY_IN_CONTROL"}""".formatted(TODAY.minusDays(5))).statusCode())
                .isEqualTo(200);
        // read once: the query service now holds the family's data key in its cache
        assertThat(as("admin").get("/api/trajectories/" + family + "/history", "application/json").body())
                .contains("Familie Grutto", "KindGrutto");
        stopProjection();

        assertThat(send("/api/families/" + family + "/erasure",
                "{\"requester\": \"PARENT\", \"legalGround\": \"AVG art. 17\"}").statusCode()).isEqualTo(200);

        for (String format : new String[] {"application/json", "text/csv"}) {
            ViewClient.Answer history = as("admin").get("/api/trajectories/" + family + "/history", format);
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body()).as(format).contains("PersonalDataErased").doesNotContain("Grutto", "2014-03-08");
        }
    }
}
