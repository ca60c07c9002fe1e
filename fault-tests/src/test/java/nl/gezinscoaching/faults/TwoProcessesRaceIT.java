package nl.gezinscoaching.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * Fault 2 of issue 13, as two real processes: two command-service jars on one embedded PostgreSQL, both with every
 * trajectory cached (one of them, alternating, a copy one event behind), receive conflicting commands on the same trajectories at the same moment: two closures (one on
 * each instance), or a closure on one and a home visit on the other. Holds, for every trajectory: exactly one
 * closure stored; the losing closure is a 409 problem+json decided on the current state (not {@code
 * concurrent-change}); the closure that races a visit succeeds (a visit does not forbid a closure) and the visit
 * is a 201 (it came first) or a 409 (the trajectory was closed); no 5xx; every stream contiguous (sequence numbers
 * 0..n) and every acknowledged command stored once; the losing instance's next commands on that trajectory are
 * decided on the current state: an aftercare call 201, a home visit 409. Trajectories per round and rounds:
 * {@code -Dfault.race.trajectories} (24), {@code -Dfault.race.rounds} (2).
 */
class TwoProcessesRaceIT {

    private static final String COACH = "race-coach";
    /** Trajectories raced at the same moment (two requests each): within each instance's connection pool. */
    private static final int WAVE = 4;
    private static final String RETRIES = "command_concurrent_change_retries_total";

    record Outcome(Api.Answer first, Api.Answer second) {
    }

    @Test
    void exactlyOneClosurePerTrajectoryTheLoserGets409AndItsNextCommandIsDecidedOnTheCurrentState() throws Exception {
        int perRound = Integer.getInteger("fault.race.trajectories", 24);
        int rounds = Integer.getInteger("fault.race.rounds", 2);
        EmbeddedPostgres postgres = EmbeddedDatabase.start(Files.createTempDirectory("fault-race"), 0);
        String jdbcUrl = EmbeddedDatabase.jdbcUrl(postgres);
        ExecutorService pool = Executors.newFixedThreadPool(2 * WAVE);
        Map<String, Integer> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long acknowledgedVisits = 0;
        long acknowledgedAftercare = 0;
        List<String> all = new ArrayList<>();
        double retries;
        double raceRetries = 0;
        try (ServiceProcess a = ServiceProcess.commandService(jdbcUrl, "race-a");
             ServiceProcess b = ServiceProcess.commandService(jdbcUrl, "race-b")) {
            // one after the other: the first applies the migrations, the second finds them applied
            a.start();
            b.start();
            Api.registerCoach(a.baseUrl(), COACH);
            for (int round = 0; round < rounds; round++) {
                List<String> trajectories = new ArrayList<>();
                for (int i = 0; i < perRound; i++) {
                    String t = Api.assignedTrajectory(i % 2 == 0 ? a.baseUrl() : b.baseUrl(), COACH);
                    // a visit through each instance: both hold the trajectory in their caches, the one visited
                    // first a copy one event behind (it finds out on append); which one alternates
                    ServiceProcess stale = stale(i, a, b);
                    ServiceProcess current = stale == a ? b : a;
                    expect(Api.post(stale.baseUrl(), t + "/home-visits", Api.visit(40)), 201, "warm-up visit");
                    expect(Api.post(current.baseUrl(), t + "/home-visits", Api.visit(39)), 201, "warm-up visit");
                    acknowledgedVisits += 2;
                    trajectories.add(t);
                }
                all.addAll(trajectories);

                // the races in waves of WAVE trajectories: one latch releases a wave's requests together
                List<Outcome> outcomes = new ArrayList<>();
                double retriedBefore = Api.counter(a.baseUrl(), RETRIES) + Api.counter(b.baseUrl(), RETRIES);
                for (int from = 0; from < trajectories.size(); from += WAVE) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Api.Answer>[]> wave = new ArrayList<>();
                    for (int i = from; i < Math.min(from + WAVE, trajectories.size()); i++) {
                        String t = trajectories.get(i);
                        boolean twoClosures = i % 2 == 0;
                        // which instance gets which request alternates, so both win and lose
                        ServiceProcess first = (i / 2) % 2 == 0 ? a : b;
                        ServiceProcess second = first == a ? b : a;
                        @SuppressWarnings("unchecked")
                        Future<Api.Answer>[] pair = new Future[] {
                                pool.submit(at(go, () -> Api.post(first.baseUrl(), t + "/closure", Api.closure(5)))),
                                pool.submit(at(go, () -> twoClosures
                                        ? Api.post(second.baseUrl(), t + "/closure", Api.closure(4))
                                        : Api.post(second.baseUrl(), t + "/home-visits", Api.visit(8))))};
                        wave.add(pair);
                    }
                    go.countDown();
                    for (Future<Api.Answer>[] pair : wave) {
                        outcomes.add(new Outcome(pair[0].get(60, TimeUnit.SECONDS), pair[1].get(60, TimeUnit.SECONDS)));
                    }
                }

                raceRetries += Api.counter(a.baseUrl(), RETRIES) + Api.counter(b.baseUrl(), RETRIES) - retriedBefore;

                for (int i = 0; i < trajectories.size(); i++) {
                    String t = trajectories.get(i);
                    boolean twoClosures = i % 2 == 0;
                    ServiceProcess first = (i / 2) % 2 == 0 ? a : b;
                    ServiceProcess second = first == a ? b : a;
                    Outcome outcome = outcomes.get(i);
                    ServiceProcess loser;
                    if (twoClosures) {
                        int won = (outcome.first().status() == 200 ? 1 : 0) + (outcome.second().status() == 200 ? 1 : 0);
                        if (won != 1) {
                            failures.add("%s: two closures answered %d and %d".formatted(t, outcome.first().status(),
                                    outcome.second().status()));
                            continue;
                        }
                        Api.Answer lost = outcome.first().status() == 200 ? outcome.second() : outcome.first();
                        loser = outcome.first().status() == 200 ? second : first;
                        checkRefusal(failures, t + " losing closure", lost);
                        ServiceProcess winner = loser == a ? b : a;
                        counts.merge("closure vs closure: won by the instance with the " + (winner == stale(i, a, b)
                                ? "stale" : "current") + " copy, " + (winner == first ? "first" : "second")
                                + " released", 1, Integer::sum);
                    } else {
                        if (outcome.first().status() != 200) {
                            failures.add("%s: closure racing a visit answered %s".formatted(t, outcome.first()));
                            continue;
                        }
                        loser = second;
                        Api.Answer visitAnswer = outcome.second();
                        if (visitAnswer.status() == 201) {
                            acknowledgedVisits++;
                            counts.merge("closure vs visit: visit first (201)", 1, Integer::sum);
                        } else {
                            checkRefusal(failures, t + " visit racing a closure", visitAnswer);
                            counts.merge("closure vs visit: closure first (visit 409)", 1, Integer::sum);
                        }
                    }
                    // the loser's next commands, decided on the closed trajectory
                    Api.Answer aftercare = Api.post(loser.baseUrl(), t + "/aftercare-calls", """
                            {"calledOn": "%s", "wellbeing": "STABLE"}""".formatted(Api.TODAY.minusDays(3)));
                    if (aftercare.status() == 201) {
                        acknowledgedAftercare++;
                    } else {
                        failures.add("%s: the loser's aftercare call answered %s".formatted(t, aftercare));
                    }
                    Api.Answer lateVisit = Api.post(loser.baseUrl(), t + "/home-visits", Api.visit(2));
                    if (lateVisit.status() == 201) {
                        failures.add("%s: a visit after the closure was accepted by the loser".formatted(t));
                        acknowledgedVisits++;
                    } else {
                        checkRefusal(failures, t + " the loser's visit after the closure", lateVisit);
                    }
                }
            }
            retries = Api.counter(a.baseUrl(), RETRIES) + Api.counter(b.baseUrl(), RETRIES);
        } finally {
            pool.shutdownNow();
        }
        try {
            long closuresStored = Api.count(postgres,
                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%TrajectoryClosed'");
            long trajectoriesWithOtherThanOneClosure = Api.count(postgres, """
                    SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry
                    WHERE payload_type LIKE '%FamilyReferred' OR payload_type LIKE '%TrajectoryClosed'
                    GROUP BY aggregate_identifier
                    HAVING count(*) FILTER (WHERE payload_type LIKE '%TrajectoryClosed') <> 1) wrong""");
            long visitsStored = Api.count(postgres,
                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%HomeVisitHeld'");
            long aftercareStored = Api.count(postgres,
                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%AftercareCallLogged'");
            long gaps = Api.count(postgres, """
                    SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry GROUP BY aggregate_identifier
                    HAVING min(sequence_number) <> 0 OR max(sequence_number) + 1 <> count(*)) broken""");

            String figures = ("two command processes racing: %d rounds x %d trajectories, %s, %d closures stored"
                    + " (%d trajectories with other than one), %d visits acknowledged / %d stored, %d aftercare calls"
                    + " by the loser acknowledged / %d stored, %d streams with a gap, %.0f commands decided again after a"
                    + " concurrency conflict (%.0f of them in the races), %d failures%n").formatted(rounds,
                    perRound, counts, closuresStored, trajectoriesWithOtherThanOneClosure, acknowledgedVisits,
                    visitsStored, acknowledgedAftercare, aftercareStored, gaps, retries, raceRetries, failures.size());
            System.out.print(figures);
            Files.writeString(Path.of("target", "fault-figures.txt"), figures, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);

            assertThat(failures).isEmpty();
            assertThat(closuresStored).as("one closure per trajectory").isEqualTo(all.size());
            assertThat(trajectoriesWithOtherThanOneClosure).isZero();
            assertThat(visitsStored).as("every acknowledged visit stored once, no refused one").isEqualTo(acknowledgedVisits);
            assertThat(aftercareStored).isEqualTo(acknowledgedAftercare).isEqualTo(all.size());
            assertThat(gaps).as("streams with a gap").isZero();
            // the instances really raced: some commands met a conflict and were decided again
            assertThat(raceRetries).as("commands of the races decided again after a concurrency conflict").isPositive();
            // both kinds of race were run
            assertThat(counts.keySet()).anyMatch(k -> k.startsWith("closure vs closure"))
                    .anyMatch(k -> k.startsWith("closure vs visit"));
        } finally {
            postgres.close();
        }
    }

    private static <T> Callable<T> at(CountDownLatch go, Callable<T> request) {
        return () -> {
            go.await();
            return request.call();
        };
    }

    /** The instance whose cached copy of trajectory i is one event behind when the race starts. */
    private static ServiceProcess stale(int i, ServiceProcess a, ServiceProcess b) {
        return (i / 4) % 2 == 0 ? a : b;
    }

    /** A refusal on the trajectory's current state: 409 problem+json, not the conflict itself. */
    private static void checkRefusal(List<String> failures, String what, Api.Answer answer) {
        if (answer.status() != 409 || !answer.contentType().startsWith("application/problem+json")) {
            failures.add("%s: expected 409 problem+json, got %s".formatted(what, answer));
            return;
        }
        String rule = answer.json().path("rule").asString("");
        if (rule.equals("concurrent-change") || rule.isEmpty()) {
            failures.add("%s: 409 without the current state's rule: %s".formatted(what, answer.body()));
        }
    }

    private static void expect(Api.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": " + answer);
        }
    }
}
