package nl.gezinscoaching.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * Fault 3 of issue 13 under load: PostgreSQL stopped for {@code -Dfault.outage.seconds} (10 in verify; 30 in the
 * full run) while concurrent clients post keyed home visits to a real command-service jar, read views from a real
 * query-service jar and poll both health endpoints. Holds: every request started while the database is down
 * answers within 5 s (the maximum is reported), with 503 problem+json {@code database-unavailable} (health: 503
 * DOWN); no client thread hangs (all come back when told to stop); after the restart (same data directory, same
 * port) both services recover by themselves: a command and a view answer 2xx and health is UP again, and the
 * query service's projection catches up with a command recorded after the outage; not one acknowledged visit is
 * lost: every 201 is stored exactly once, and every key that was not acknowledged, sent again after recovery,
 * is recorded once. Rounds: {@code -Dfault.outage.rounds} (1).
 */
class OutageUnderLoadIT {

    private static final String COACH = "outage-coach";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final int COMMAND_CLIENTS = 4;
    private static final int VIEW_CLIENTS = 2;

    /** One request as a client saw it; status -1 for no answer at all. */
    record Call(String kind, long start, long end, int status, String contentType, String body) {

        Duration took() {
            return Duration.ofNanos(end - start);
        }
    }

    record Sent(String trajectory, String body) {
    }

    @Test
    void whileTheDatabaseIsDownUnderLoadEveryRequestAnswers503FastAndNothingAcknowledgedIsLost() throws Exception {
        int rounds = Integer.getInteger("fault.outage.rounds", 1);
        int seconds = Integer.getInteger("fault.outage.seconds", 10);
        Path data = Files.createTempDirectory("fault-outage");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres postgres = EmbeddedDatabase.start(data, port);
        String jdbcUrl = EmbeddedDatabase.jdbcUrl(postgres);
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> figures = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (ServiceProcess command = ServiceProcess.commandService(jdbcUrl, "outage-command");
             ServiceProcess query = ServiceProcess.queryService(jdbcUrl, "outage-query")) {
            command.start();
            query.start();
            Api.registerCoach(command.baseUrl(), COACH);
            List<String> trajectories = new ArrayList<>();
            for (int i = 0; i < COMMAND_CLIENTS; i++) {
                trajectories.add(Api.assignedTrajectory(command.baseUrl(), COACH));
            }

            for (int round = 0; round < rounds; round++) {
                Queue<Call> calls = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(COMMAND_CLIENTS + VIEW_CLIENTS + 2);
                List<Future<?>> clients = new ArrayList<>();
                for (String trajectory : trajectories) {
                    clients.add(pool.submit(() -> visits(command.baseUrl(), trajectory, sent, acknowledged, calls, stop)));
                }
                for (int v = 0; v < VIEW_CLIENTS; v++) {
                    String path = v == 0 ? "/api/caseload" : "/api/caseload/trajectories?coachId=" + COACH;
                    clients.add(pool.submit(() -> loop(stop, calls, "view", () -> Api.get(query.baseUrl(), path, "mila",
                            "application/json", Duration.ofSeconds(30)))));
                }
                clients.add(pool.submit(() -> loop(stop, calls, "command health", () -> health(command))));
                clients.add(pool.submit(() -> loop(stop, calls, "query health", () -> health(query))));

                // the database goes once the clients are well under way
                int target = acknowledged.size() + 20;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acknowledged.size() < target && System.nanoTime() < deadline) {
                    ServiceProcess.pause(20);
                }
                long acknowledgedBefore = acknowledged.size();
                long down = System.nanoTime();
                postgres.close();
                long stopped = System.nanoTime();
                // the outage lasts this long: the fault's duration, not a wait for anything
                while (System.nanoTime() - down < TimeUnit.SECONDS.toNanos(seconds)) {
                    ServiceProcess.pause(100);
                }
                long restart = System.nanoTime();
                postgres = EmbeddedDatabase.start(data, port);
                long up = System.nanoTime();

                // recovered: a command, a view and both health checks answered 2xx after the restart
                long recoveryDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                Map<String, Long> recovered = new TreeMap<>();
                while (recovered.size() < 4 && System.nanoTime() < recoveryDeadline) {
                    for (String kind : List.of("visit", "view", "command health", "query health")) {
                        calls.stream().filter(c -> c.kind().equals(kind) && c.start() >= up && c.status() / 100 == 2)
                                .mapToLong(Call::end).min().ifPresent(end -> recovered.putIfAbsent(kind, end));
                    }
                    ServiceProcess.pause(100);
                }
                // a little more load on the recovered services, then the clients stop: none may hang
                ServiceProcess.pause(1_000);
                stop.set(true);
                pool.shutdown();
                boolean allBack = pool.awaitTermination(60, TimeUnit.SECONDS);
                for (Future<?> client : clients) {
                    client.get(1, TimeUnit.SECONDS);
                }
                assertThat(allBack).as("every client's requests came back").isTrue();

                // every request started while the database was down
                List<Call> during = calls.stream().filter(c -> c.start() >= stopped && c.start() < restart).toList();
                Duration max = during.stream().map(Call::took).max(Duration::compareTo).orElse(Duration.ZERO);
                Map<String, Integer> statuses = new TreeMap<>();
                Map<String, Long> slowest = new TreeMap<>();
                for (Call call : during) {
                    statuses.merge(call.kind() + " " + call.status(), 1, Integer::sum);
                    slowest.merge(call.kind() + " ms", call.took().toMillis(), Math::max);
                    if (call.took().compareTo(ANSWER_WITHIN) >= 0) {
                        failures.add("round %d: %s took %d ms while the database was down".formatted(round,
                                call.kind(), call.took().toMillis()));
                    }
                    // a request answered before the restart was answered by a service without its database
                    if (call.end() < restart && !refusedForTheOutage(call)) {
                        failures.add("round %d: %s answered %d %s while the database was down: %s".formatted(round,
                                call.kind(), call.status(), call.contentType(), abbreviated(call.body())));
                    }
                }
                assertThat(during).as("requests during the outage").isNotEmpty();
                for (String kind : List.of("visit", "view", "command health", "query health")) {
                    assertThat(during).as(kind + " during the outage").anyMatch(c -> c.kind().equals(kind));
                }
                assertThat(recovered).as("recovered by themselves within 120 s").hasSize(4);
                Map<String, String> recovery = new TreeMap<>();
                recovered.forEach((kind, end) -> recovery.put(kind, (end - up) / 1_000_000 + " ms"));
                figures.add(("round %d: database down %.1f s (restart took %d ms), %d requests while down: %s, max"
                        + " answer %d ms (%s); acknowledged visits %d before the outage, %d after the round; first 2xx"
                        + " after the database was back: %s").formatted(round, (restart - down) / 1e9,
                        (up - restart) / 1_000_000, during.size(), statuses, max.toMillis(), slowest, acknowledgedBefore,
                        acknowledged.size(), recovery));
            }

            // the query service's projection recovered too: a trajectory assigned now appears in its view
            Api.assignedTrajectory(command.baseUrl(), COACH);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long listed = -1;
            while (listed != trajectories.size() + 1 && System.nanoTime() < deadline) {
                Api.Answer view = Api.get(query.baseUrl(), "/api/caseload/trajectories?coachId=" + COACH, "mila",
                        "application/json", Duration.ofSeconds(10));
                listed = view.status() == 200 ? view.json().path("page").path("totalItems").asLong(-1) : -1;
                ServiceProcess.pause(200);
            }
            assertThat(listed).as("the caseload view caught up after the outage").isEqualTo(trajectories.size() + 1);

            // nothing acknowledged lost, nothing doubled
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                assertThat(Api.count(postgres, """
                        SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%HomeVisitHeld'
                        AND convert_from(payload, 'UTF8')::jsonb->>'visitId' = ?""", ack.getValue()))
                        .as("visit of key " + ack.getKey()).isEqualTo(1);
            }
            long retried = 0;
            for (Map.Entry<String, Sent> attempt : sent.entrySet()) {
                if (acknowledged.containsKey(attempt.getKey())) {
                    continue;
                }
                Api.Answer again = Api.post(command.baseUrl(), attempt.getValue().trajectory() + "/home-visits",
                        "application/json", attempt.getValue().body().getBytes(StandardCharsets.UTF_8), attempt.getKey());
                assertThat(again.status()).as("retry of key " + attempt.getKey() + ": " + again).isEqualTo(201);
                retried++;
            }
            long visits = Api.count(postgres, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%HomeVisitHeld'");
            long distinct = Api.count(postgres, """
                    SELECT count(DISTINCT convert_from(payload, 'UTF8')::jsonb->>'visitId') FROM domain_event_entry
                    WHERE payload_type LIKE '%HomeVisitHeld'""");
            long gaps = Api.count(postgres, """
                    SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry GROUP BY aggregate_identifier
                    HAVING min(sequence_number) <> 0 OR max(sequence_number) + 1 <> count(*)) broken""");
            figures.add(("totals: %d keys sent, %d acknowledged, %d retried after recovery, %d visits stored (%d"
                    + " distinct), %d streams with a gap, %d failures").formatted(sent.size(), acknowledged.size(),
                    retried, visits, distinct, gaps, failures.size()));
            String text = "PostgreSQL stopped under load (%d s, %d round(s), %d command clients, %d view clients):%n  %s%n"
                    .formatted(seconds, rounds, COMMAND_CLIENTS, VIEW_CLIENTS, String.join("%n  ".formatted(), figures));
            System.out.print(text);
            Files.writeString(Path.of("target", "fault-figures.txt"), text, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);

            assertThat(failures).isEmpty();
            assertThat(visits).as("one visit per key, none lost, none doubled").isEqualTo(sent.size()).isEqualTo(distinct);
            assertThat(gaps).as("streams with a gap").isZero();
        } finally {
            postgres.close();
        }
    }

    private static boolean refusedForTheOutage(Call call) {
        if (call.status() != 503) {
            return false;
        }
        if (call.kind().endsWith("health")) {
            return call.body().contains("DOWN");
        }
        return call.contentType().startsWith("application/problem+json")
                && call.body().contains("\"database-unavailable\"")
                && !call.body().contains("Exception") && !call.body().contains("jdbc:");
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) : body;
    }

    interface Request {
        Api.Answer send() throws IOException, InterruptedException;
    }

    private static Api.Answer health(ServiceProcess service) throws IOException, InterruptedException {
        return Api.get(service.baseUrl(), "/actuator/health", "admin", null, Duration.ofSeconds(30));
    }

    /** Sends the request again and again until told to stop, each call recorded. */
    private static Void loop(AtomicBoolean stop, Queue<Call> calls, String kind, Request request) {
        while (!stop.get()) {
            call(calls, kind, request);
            ServiceProcess.pause(100);
        }
        return null;
    }

    private static Api.Answer call(Queue<Call> calls, String kind, Request request) {
        long start = System.nanoTime();
        try {
            Api.Answer answer = request.send();
            calls.add(new Call(kind, start, System.nanoTime(), answer.status(), answer.contentType(), answer.body()));
            return answer;
        } catch (IOException noAnswer) {
            calls.add(new Call(kind, start, System.nanoTime(), -1, "", String.valueOf(noAnswer)));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Keyed visits on one trajectory until told to stop; a key is acknowledged by a 201. */
    private static Void visits(String baseUrl, String trajectory, Map<String, Sent> sent,
                               Map<String, String> acknowledged, Queue<Call> calls, AtomicBoolean stop) {
        while (!stop.get()) {
            String key = UUID.randomUUID().toString();
            String body = """
                    {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false}""".formatted(Api.TODAY.minusDays(3));
            sent.put(key, new Sent(trajectory, body));
            Api.Answer answer = call(calls, "visit", () -> Api.post(baseUrl, trajectory + "/home-visits",
                    "application/json", body.getBytes(StandardCharsets.UTF_8), key));
            if (answer != null && answer.status() == 201) {
                acknowledged.put(key, answer.json().get("visitId").asString());
            }
            ServiceProcess.pause(answer != null && answer.status() == 201 ? 20 : 100);
        }
        return null;
    }
}
