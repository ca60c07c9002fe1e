package nl.gezinscoaching.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.query.support.ViewClient;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the query service × every role × the user's own family and another's, with the
 * expected 200 (or another answer that is not a refusal), 401 or 403. Fails when an endpoint has no row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryAccessMatrixIT {

    enum Expect { ALLOWED, FORBIDDEN }

    private static final Expect A = Expect.ALLOWED;
    private static final Expect F = Expect.FORBIDDEN;

    /** Columns: anna (COACH, Noord), sanne (SENIOR_COACH, Noord), mila (MANAGER), ali (ANALYST), admin. */
    private static final List<String> USERS = List.of("anna", "sanne", "mila", "ali", "admin");
    private static final Map<String, Expect[][]> MATRIX = new LinkedHashMap<>();

    static {
        Expect[] views = {F, A, A, F, A};
        Expect[] adminOnly = {F, F, F, F, A};
        row("GET /api/caseload", views, views);
        row("GET /api/caseload/trend", views, views);
        row("GET /api/caseload/trajectories", views, views);
        row("GET /api/overruns", views, views);
        row("GET /api/waiting-list", views, views);
        row("GET /api/quality-report", views, views);
        row("GET /api/my-families", new Expect[] {A, A, F, F, A}, new Expect[] {A, A, F, F, A});
        row("GET /api/trajectories/{trajectoryId}/history", new Expect[] {A, A, A, F, A}, new Expect[] {F, F, A, F, A});
        row("GET /api/analytics/durations", new Expect[] {F, F, F, A, A}, new Expect[] {F, F, F, A, A});
        // issue 12: the pseudonymised event export
        row("GET /api/export/events", new Expect[] {F, F, F, A, A}, new Expect[] {F, F, F, A, A});
        row("GET /api/admin/rebuild", adminOnly, adminOnly);
        row("GET /api/admin/read-audit/verification", adminOnly, adminOnly);
        Expect[] managers = {F, F, A, F, A};
        row("GET /api/families/{trajectoryId}/reads", managers, managers);
        row("GET /api/retention", managers, managers);
        row("GET /api/quality-report/trajectories", managers, managers);
        row("POST /api/admin/rebuild", adminOnly, adminOnly);
        row("GET /api/admin/dead-letters", adminOnly, adminOnly);
        row("POST /api/admin/dead-letters/retry", adminOnly, adminOnly);
        row("POST /api/admin/dead-letters/{trajectoryId}/retry", adminOnly, adminOnly);
    }

    private static void row(String endpoint, Expect[] own, Expect[] other) {
        MATRIX.put(endpoint, new Expect[][] {own, other});
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @BeforeAll
    void givenTwoCoachesInTwoClustersWithAFamilyEach() throws InterruptedException {
        LocalDate day = LocalDate.of(2026, 5, 4);
        append("anna", 0, new CoachRegistered("anna", "Anna", "Noord", BigDecimal.ONE, day));
        append("bram", 0, new CoachRegistered("bram", "Bram", "Zuid", BigDecimal.ONE, day));
        for (String coach : List.of("anna", "bram")) {
            String trajectory = "matrix-" + coach;
            append(trajectory, 0, new FamilyReferred(trajectory, day,
                    new Family(null, "Familie", "Escamp", "nl", false, MigrationGeneration.NONE),
                    List.of(new Child("Kind", LocalDate.of(2015, 1, 1))), new Referrer("Arts", "JGZ"),
                    Set.of(ReferralReason.CHILD_SAFETY), false));
            append(trajectory, 1, new CoachAssigned(trajectory, coach, day));
        }
        // the command service writes who guides which family in the events' transaction; this test appends
        // the events itself, so it writes those rows too
        jdbc.sql("INSERT INTO access_coach (coach_id, cluster) VALUES ('anna', 'Noord'), ('bram', 'Zuid')").update();
        jdbc.sql("""
                INSERT INTO access_trajectory (trajectory_id, coach_id, open)
                VALUES ('matrix-anna', 'anna', TRUE), ('matrix-bram', 'bram', TRUE)""").update();
        // a deadline, not a wait: the run goes on as soon as the rows are there; 60 s because in the full build this
        // context starts while other test contexts of the same JVM still run their processors (20 s ran out once)
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        // the views' rows (caseload, overruns) come from the projection
        while (jdbc.sql("SELECT count(*) FROM rm_trajectory WHERE trajectory_id LIKE 'matrix-%'").query(Long.class).single() < 2
                || jdbc.sql("SELECT count(*) FROM rm_coach WHERE coach_id IN ('anna', 'bram')").query(Long.class).single() < 2
                || jdbc.sql("SELECT count(*) FROM rm_assignment WHERE trajectory_id LIKE 'matrix-%'").query(Long.class).single() < 2) {
            assertThat(Instant.now()).as("projections caught up").isBefore(deadline);
            Thread.sleep(25);
        }
    }

    private void append(String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(payload instanceof CoachRegistered ? "Coach" : "Trajectory",
                aggregateId, sequence, payload));
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> endpoints = new TreeSet<>();
        context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet()
                .forEach(info -> info.getPatternValues().forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> endpoints.add(method + " " + pattern))));
        endpoints.removeIf(endpoint -> !endpoint.contains(" /api/"));
        assertThat(MATRIX.keySet()).containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void everyRoleGetsWhatTheMatrixSays() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Expect[][]> row : MATRIX.entrySet()) {
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            for (int target = 0; target < 2; target++) {
                String path = row.getKey().substring(method.length() + 1)
                        .replace("{trajectoryId}", target == 0 ? "matrix-anna" : "matrix-bram");
                String family = target == 0 ? "own" : "other";
                int anonymous = call(new ViewClient(port, "nobody", "wrong"), method, path);
                if (anonymous != 401) {
                    wrong.add(row.getKey() + " / " + family + " / wrong password: expected 401, got " + anonymous);
                }
                for (int u = 0; u < USERS.size(); u++) {
                    String user = USERS.get(u);
                    int status = call(new ViewClient(port, user, user), method, path);
                    boolean holds = row.getValue()[target][u] == Expect.ALLOWED
                            ? status != 401 && status != 403 && status < 500
                            : status == 403;
                    if (!holds) {
                        wrong.add(row.getKey() + " / " + family + " / " + user + ": expected "
                                + row.getValue()[target][u] + ", got " + status);
                    }
                }
            }
        }
        assertThat(wrong).as("cells of the access matrix that do not hold").isEmpty();
    }

    private static int call(ViewClient client, String method, String path) {
        return method.equals("POST") ? client.post(path).status() : client.get(path, "application/json").status();
    }
}
