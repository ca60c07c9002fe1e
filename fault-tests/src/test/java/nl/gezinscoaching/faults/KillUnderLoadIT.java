package nl.gezinscoaching.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * Fault 1 of issue 13: {@code kill -9} of the command service while concurrent clients post home visits, each
 * with its own {@code Idempotency-Key}. Every acknowledged (201) visit is in the event store exactly once; after
 * the restart every key is honoured (the acknowledged ones answer the same visit again, the unanswered ones are
 * recorded once, or answered again if they had committed before the kill); no visit is stored twice and every
 * stream stays contiguous. Rounds and clients: {@code -Dfault.kill.rounds} (1 in verify), {@code
 * -Dfault.kill.clients} (4).
 */
class KillUnderLoadIT {

    private static final String COACH = "fault-coach";

    record Sent(String trajectory, String body) {
    }

    @Test
    void everyAcknowledgedCommandIsStoredOnceAndEveryKeyIsHonouredAfterARestart() throws Exception {
        int rounds = Integer.getInteger("fault.kill.rounds", 1);
        int clients = Integer.getInteger("fault.kill.clients", 4);
        Path data = Files.createTempDirectory("fault-kill");
        EmbeddedPostgres postgres = EmbeddedDatabase.start(data, 0);
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<Duration> recoveries = new ArrayList<>();
        long unexpected = 0;
        try (ServiceProcess service = ServiceProcess.commandService(EmbeddedDatabase.jdbcUrl(postgres), "kill-under-load")) {
            service.start();
            Api.registerCoach(service.baseUrl(), COACH);
            List<String> trajectories = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                trajectories.add(Api.assignedTrajectory(service.baseUrl(), COACH));
            }

            for (int round = 0; round < rounds; round++) {
                AtomicBoolean dead = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                List<Future<Long>> results = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    // two clients per trajectory: they race on its sequence numbers as well
                    String trajectory = trajectories.get(c / 2 % trajectories.size());
                    results.add(pool.submit(() -> load(service.baseUrl(), trajectory, sent, acknowledged, dead)));
                }
                // kill once the clients are well under way
                int target = acknowledged.size() + clients * 15;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acknowledged.size() < target && System.nanoTime() < deadline) {
                    ServiceProcess.pause(20);
                }
                service.kill();
                dead.set(true);
                for (Future<Long> result : results) {
                    unexpected += result.get();
                }
                pool.shutdown();
                recoveries.add(service.start());
            }

            // every acknowledged visit exactly once
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                assertThat(visitsStored(postgres, ack.getValue())).as("visit of key " + ack.getKey()).isEqualTo(1);
            }
            // after the restart every key is honoured: the same answer for acknowledged ones, one visit for the others
            long replayedUnanswered = 0;
            for (Map.Entry<String, Sent> attempt : sent.entrySet()) {
                Api.Answer again = Api.post(service.baseUrl(), attempt.getValue().trajectory() + "/home-visits",
                        "application/json", attempt.getValue().body().getBytes(StandardCharsets.UTF_8), attempt.getKey());
                assertThat(again.status()).as("retry of key " + attempt.getKey()).isEqualTo(201);
                String visit = again.json().get("visitId").asString();
                String first = acknowledged.get(attempt.getKey());
                if (first != null) {
                    assertThat(again.replayed()).isTrue();
                    assertThat(visit).isEqualTo(first);
                } else if (again.replayed()) {
                    replayedUnanswered++;
                }
            }
            long visits = Api.count(postgres, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%HomeVisitHeld'");
            long distinct = Api.count(postgres, """
                    SELECT count(DISTINCT convert_from(payload, 'UTF8')::jsonb->>'visitId') FROM domain_event_entry
                    WHERE payload_type LIKE '%HomeVisitHeld'""");
            long gaps = Api.count(postgres, """
                    SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry GROUP BY aggregate_identifier
                    HAVING max(sequence_number) + 1 <> count(*)) broken""");
            assertThat(visits).as("one visit per key, none doubled").isEqualTo(sent.size()).isEqualTo(distinct);
            assertThat(gaps).as("streams with a gap").isZero();
            assertThat(unexpected).as("answers other than 201 or a dropped connection").isZero();

            String figures = ("kill -9 under load: %d kill(s), %d clients, %d requests sent, %d acknowledged (201),"
                    + " %d stored after retrying every key (%d unanswered ones had committed before the kill),"
                    + " 0 duplicates, 0 gaps, restart to healthy %s%n").formatted(rounds, clients, sent.size(),
                    acknowledged.size(), visits, replayedUnanswered,
                    recoveries.stream().map(d -> d.toMillis() + " ms").toList());
            System.out.print(figures);
            Files.writeString(Path.of("target", "fault-figures.txt"), figures, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } finally {
            postgres.close();
        }
    }

    /** Posts visits until the service dies; returns how many answers were neither 201 nor a lost connection. */
    private static long load(String baseUrl, String trajectory, Map<String, Sent> sent,
                             Map<String, String> acknowledged, AtomicBoolean dead) {
        long unexpected = 0;
        while (true) {
            String key = UUID.randomUUID().toString();
            String body = """
                    {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false}""".formatted(Api.TODAY.minusDays(3));
            sent.put(key, new Sent(trajectory, body));
            try {
                Api.Answer answer = Api.post(baseUrl, trajectory + "/home-visits", "application/json",
                        body.getBytes(StandardCharsets.UTF_8), key);
                if (answer.status() == 201) {
                    acknowledged.put(key, answer.json().get("visitId").asString());
                } else if (!dead.get() && answer.status() != 503) {
                    unexpected++;
                }
            } catch (IOException lostConnection) {
                if (dead.get()) {
                    return unexpected;
                }
                ServiceProcess.pause(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return unexpected;
            }
            if (dead.get()) {
                return unexpected;
            }
        }
    }

    private static long visitsStored(EmbeddedPostgres postgres, String visitId) throws Exception {
        return Api.count(postgres, """
                SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%HomeVisitHeld'
                AND convert_from(payload, 'UTF8')::jsonb->>'visitId' = ?""", visitId);
    }
}
