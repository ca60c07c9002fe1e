package nl.gezinscoaching.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 1: a burst of valid commands is answered by the rules, never as an outage. Two real command-service
 * processes on one embedded PostgreSQL (pool and timeouts as configured for production). Every trajectory gets, at the
 * same moment, two closures and two home visits: first 200 requests on one instance (50 trajectories), then 160 over
 * both instances (40 trajectories, each request's instance alternating); half of the requests carry an
 * {@code Idempotency-Key} (as the web's forms do), half do not. Sizes: {@code -Dfault.burst.single} (50),
 * {@code -Dfault.burst.cluster} (40). Holds: every answer is 2xx or a 409 with the
 * trajectory state's rule (never a 5xx, never {@code database-unavailable}); per trajectory exactly one closure
 * answered 200 and exactly one stored; every acknowledged visit stored, no refused one.
 */
class BurstIT {

    private static final String COACH = "burst-coach";

    private record Sent(String trajectory, String kind, Future<Api.Answer> answer) {
    }

    @Test
    void aBurstOfValidCommandsIsAnsweredByTheRulesOnOneInstanceAndOverTwo() throws Exception {
        int single = Integer.getInteger("fault.burst.single", 50);
        int cluster = Integer.getInteger("fault.burst.cluster", 40);
        EmbeddedPostgres postgres = EmbeddedDatabase.start(Files.createTempDirectory("fault-burst"), 0);
        String jdbcUrl = EmbeddedDatabase.jdbcUrl(postgres);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> answers = new TreeMap<>();
        long acknowledgedVisits = 0;
        List<String> all = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4 * Math.max(single, cluster));
        try (ServiceProcess a = ServiceProcess.commandService(jdbcUrl, "burst-a");
             ServiceProcess b = ServiceProcess.commandService(jdbcUrl, "burst-b")) {
            a.start();
            b.start();
            Api.registerCoach(a.baseUrl(), COACH);
            for (String[] round : new String[][] {{"one instance", String.valueOf(single)},
                    {"two instances", String.valueOf(cluster)}}) {
                boolean both = round[0].equals("two instances");
                int count = Integer.parseInt(round[1]);
                List<String> trajectories = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String t = Api.assignedTrajectory(both && i % 2 == 1 ? b.baseUrl() : a.baseUrl(), COACH);
                    // both instances hold the trajectory in their caches, one of them a copy one event behind
                    expect(Api.post(a.baseUrl(), t + "/home-visits", Api.visit(40)), 201);
                    if (both) {
                        expect(Api.post(b.baseUrl(), t + "/home-visits", Api.visit(39)), 201);
                        acknowledgedVisits++;
                    }
                    acknowledgedVisits++;
                    trajectories.add(t);
                }
                all.addAll(trajectories);

                CountDownLatch go = new CountDownLatch(1);
                List<Sent> sent = new ArrayList<>();
                int n = 0;
                for (String t : trajectories) {
                    for (String kind : List.of("closure", "visit", "closure", "visit")) {
                        // every other request with an Idempotency-Key, as the web sends them (its own transaction)
                        boolean withKey = (n / 2) % 2 == 0;
                        String baseUrl = both && n++ % 2 == 1 ? b.baseUrl() : a.baseUrl();
                        String path = kind.equals("closure") ? t + "/closure" : t + "/home-visits";
                        String body = kind.equals("closure") ? Api.closure(5) : Api.visit(8);
                        sent.add(new Sent(t, kind, threads.submit(() -> {
                            go.await();
                            return Api.post(baseUrl, path, "application/json", body.getBytes(StandardCharsets.UTF_8),
                                    withKey ? UUID.randomUUID().toString() : null);
                        })));
                    }
                }
                go.countDown();

                Map<String, Integer> closuresWon = new TreeMap<>();
                for (Sent request : sent) {
                    Api.Answer answer = request.answer().get(120, TimeUnit.SECONDS);
                    String rule = answer.status() >= 400 ? answer.json().path("rule").asString("") : "";
                    answers.merge("%s: %s %d %s".formatted(round[0], request.kind(), answer.status(), rule).strip(), 1,
                            Integer::sum);
                    if (request.kind().equals("closure") && answer.status() == 200) {
                        closuresWon.merge(request.trajectory(), 1, Integer::sum);
                    } else if (request.kind().equals("visit") && answer.status() == 201) {
                        acknowledgedVisits++;
                    } else if (answer.status() != 409 || rule.isEmpty() || rule.equals("concurrent-change")
                            || !answer.contentType().startsWith("application/problem+json")) {
                        failures.add("%s, %s %s: answered %s".formatted(round[0], request.kind(), request.trajectory(),
                                answer));
                    }
                }
                for (String t : trajectories) {
                    if (closuresWon.getOrDefault(t, 0) != 1) {
                        failures.add("%s, %s: %d closures answered 200".formatted(round[0], t,
                                closuresWon.getOrDefault(t, 0)));
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
        try {
            long closuresStored = Api.count(postgres,
                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%TrajectoryClosed'");
            long visitsStored = Api.count(postgres,
                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%HomeVisitHeld'");
            String figures = "burst: %d trajectories on one instance (%d requests), %d over two (%d requests); answers %s;"
                    .formatted(single, 4 * single, cluster, 4 * cluster, answers)
                    + " %d closures stored, %d visits acknowledged / %d stored, %d failures%n"
                    .formatted(closuresStored, acknowledgedVisits, visitsStored, failures.size());
            System.out.print(figures);
            Files.writeString(Path.of("target", "fault-figures.txt"), figures, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);

            assertThat(failures).isEmpty();
            assertThat(closuresStored).as("one closure per trajectory").isEqualTo(all.size());
            assertThat(visitsStored).as("every acknowledged visit stored once, no refused one")
                    .isEqualTo(acknowledgedVisits);
        } finally {
            postgres.close();
        }
    }

    private static void expect(Api.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("warm-up visit: " + answer);
        }
    }
}
