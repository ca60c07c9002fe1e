package nl.gezinscoaching.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Faults 4 and 5 of issue 13, on the real query-service jar: one PostgreSQL, one command service, a few hundred
 * (verify) or thousand (full run) trajectories recorded through the command API.
 * <ol>
 *   <li>Fault 4: a rebuild is requested and the query service is killed ({@code kill -9}) at a seeded random moment
 *       of it (the first kill before the reset began, while the processors stop), restarted, and
 *       the rebuild carried on to its end (requested again if the request had not committed); after every round every read-model table (rows as a
 *       sorted text dump) and the management views' JSON are identical to those after a clean rebuild of the same
 *       events. The query service replays in batches of 20 events, so a kill lands between many commits.</li>
 *   <li>Fault 5: a second query service joins and gets half of the segments; under a steady command load (about
 *       50 commands/s, 5 probes a second: a referral and an assignment, then {@code GET /api/caseload} on the
 *       survivor until it shows) the first one is killed. The survivor holds every segment within the stated
 *       bound; every probe becomes visible; the takeover time and the lag before, during and after it are
 *       printed.</li>
 * </ol>
 * Sizes: {@code -Dfault.query.trajectories} (200 in verify), {@code -Dfault.query.kills} (1),
 * {@code -Dfault.query.seed} (13), {@code -Dfault.query.load-seconds} (15); full run in docs/reliability.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryServiceFaultsIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final int COACHES = 10;
    private static final int PROBE_COACHES = 5;
    /** Small batches, the processors' and the rebuild's single read's: many commits, so that a kill lands between them. */
    private static final String[] QUERY_ARGUMENTS = {
            "--axon.eventhandling.processors.management-facts.batch-size=20", "--query.rebuild.batch-size=20",
            "--logging.level.nl.gezinscoaching.query.replay=INFO"};

    private static EmbeddedPostgres postgres;
    private static ServiceProcess commands;
    private static ServiceProcess query;
    private static ServiceProcess secondQuery;
    private static final List<String> trajectories = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("fault-query"), 0);
        String jdbcUrl = EmbeddedDatabase.jdbcUrl(postgres);
        commands = ServiceProcess.commandService(jdbcUrl, "query-faults-command");
        commands.start();
        for (int c = 0; c < COACHES + PROBE_COACHES; c++) {
            Api.registerCoach(commands.baseUrl(), "coach-" + c);
        }
        int count = Integer.getInteger("fault.query.trajectories", 200);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> created = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            String coach = "coach-" + t % COACHES;
            created.add(clients.submit(() -> {
                String path = Api.assignedTrajectory(commands.baseUrl(), coach);
                homeVisit(path);
                return path;
            }));
        }
        for (Future<String> trajectory : created) {
            trajectories.add(trajectory.get());
        }
        clients.shutdown();
        query = ServiceProcess.queryService(jdbcUrl, "query-faults-query-1", QUERY_ARGUMENTS);
        query.start();
        await("the first projection of " + count + " trajectories", Duration.ofSeconds(180),
                () -> active(query) == count);
        System.out.printf("fault 4/5: %d trajectories, %d events%n", count,
                Api.count(postgres, "SELECT count(*) FROM domain_event_entry"));
    }

    @AfterAll
    static void stop() throws IOException {
        for (ServiceProcess process : new ServiceProcess[] {secondQuery, query, commands}) {
            if (process != null) {
                process.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void afterAKillAtAnyMomentOfARebuildTheViewsAreThoseOfACleanRebuild() throws Exception {
        long begin = System.nanoTime();
        assertThat(post(query, "/api/admin/rebuild")).isEqualTo(202);
        // on one instance the request itself stops the processors and resets the tokens before it answers
        long requestMillis = Math.max(1, (System.nanoTime() - begin) / 1_000_000);
        awaitFinished(query);
        long cleanMillis = (System.nanoTime() - begin) / 1_000_000;
        // how long after the request the reset began (the processors stopped first): a kill before it finds the old
        // tokens and tables, and the rebuild still to do
        long resetMillis = Api.count(postgres, "SELECT (extract(epoch FROM reset_at - requested_at) * 1000)::bigint "
                + "FROM read_model_rebuild ORDER BY generation DESC LIMIT 1");
        Map<String, String> clean = everyReadModel();
        Map<String, String> cleanViews = views(query);
        System.out.printf("fault 4: clean rebuild of %d events in %d ms (batches of 20), reset begun after %d ms, "
                        + "answered after %d ms%n", Api.count(postgres, "SELECT count(*) FROM domain_event_entry"),
                cleanMillis, resetMillis, requestMillis);

        Random random = new Random(Long.getLong("fault.query.seed", 13));
        int kills = Integer.getInteger("fault.query.kills", 1);
        ExecutorService requests = Executors.newSingleThreadExecutor();
        for (int k = 1; k <= kills; k++) {
            long generationBefore = Api.count(postgres, "SELECT coalesce(max(generation), 0) FROM read_model_rebuild");
            // the first kill lands before the reset began (while the processors stop), the others anywhere
            long at = (long) (random.nextDouble() * (k == 1 ? resetMillis : cleanMillis * 1.2));
            Future<Integer> request = requests.submit(() -> post(query, "/api/admin/rebuild"));
            ServiceProcess.pause(at);
            query.kill();
            int answer;
            try {
                answer = request.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                answer = 0; // the connection was cut: no answer
            }
            assertThat(answer).as("request %d", k).isIn(0, 202);
            boolean requested = Api.count(postgres, "SELECT coalesce(max(generation), 0) FROM read_model_rebuild")
                    > generationBefore;
            String where = requested ? whereTheRebuildWas() : "before the request committed";
            Duration restart = query.start();
            if (!requested) {
                // nothing was recorded: the client asks again
                assertThat(post(query, "/api/admin/rebuild")).isEqualTo(202);
            }
            long resumed = System.nanoTime();
            awaitFinished(query);
            System.out.printf("fault 4: kill %d of %d, %d ms after the request (%s): healthy again after %d s, "
                            + "finished %d ms later%n", k, kills, at, where, restart.toSeconds(),
                    (System.nanoTime() - resumed) / 1_000_000);
            assertThat(everyReadModel()).as("read-model rows after kill %d (%s)", k, where).isEqualTo(clean);
            assertThat(views(query)).as("views after kill %d (%s)", k, where).isEqualTo(cleanViews);
        }
        requests.shutdown();
    }

    @Test
    @Order(2)
    void theSurvivorTakesOverTheSegmentsOfAKilledInstanceUnderLoad() throws Exception {
        secondQuery = ServiceProcess.queryService(EmbeddedDatabase.jdbcUrl(postgres), "query-faults-query-2",
                QUERY_ARGUMENTS);
        secondQuery.start();
        String killed = nodeOf(query);
        String survivor = nodeOf(secondQuery);
        await("segments shared by the two instances", Duration.ofSeconds(60),
                () -> claims("management-facts").equals(Map.of(killed, 1, survivor, 1)));

        int seconds = Integer.getInteger("fault.query.load-seconds", 15);
        AtomicInteger loadSent = new AtomicInteger();
        AtomicInteger loadFailed = new AtomicInteger();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
        for (int client = 0; client < 4; client++) {
            // a periodic task never overlaps itself: four clients of 10 visits a second, 40 in all, plus 5 probes
            // of 2 commands a second
            load.scheduleAtFixedRate(() -> {
                try {
                    homeVisit(trajectories.get(ThreadLocalRandom.current().nextInt(trajectories.size())));
                    loadSent.incrementAndGet();
                } catch (Exception | AssertionError e) {
                    loadFailed.incrementAndGet();
                }
            }, client * 25L, 100, TimeUnit.MILLISECONDS);
        }
        record Probe(long committedAt, long lagNanos) {
        }
        ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
        AtomicInteger probesFailed = new AtomicInteger();
        int[] expected = new int[PROBE_COACHES];
        for (int c = 0; c < PROBE_COACHES; c++) {
            expected[c] = active(secondQuery, "coach-" + (COACHES + c));
        }
        ScheduledExecutorService probing = Executors.newScheduledThreadPool(6);
        List<Future<?>> sentProbes = new ArrayList<>();
        long start = System.nanoTime();
        int total = seconds * 5;
        for (int p = 0; p < total; p++) {
            int coach = p % PROBE_COACHES;
            int count = ++expected[coach];
            sentProbes.add(probing.schedule(() -> {
                try {
                    String coachId = "coach-" + (COACHES + coach);
                    Api.assignedTrajectory(commands.baseUrl(), coachId);
                    long committed = System.nanoTime();
                    while (active(secondQuery, coachId) < count) {
                        ServiceProcess.pause(10);
                    }
                    probes.add(new Probe(committed, System.nanoTime() - committed));
                } catch (Exception e) {
                    probesFailed.incrementAndGet();
                }
            }, 200_000L * p, TimeUnit.MICROSECONDS));
        }

        ServiceProcess.pause(seconds * 1000L / 3);
        long killedAt = System.nanoTime();
        query.kill();
        await("the survivor holds every segment", Duration.ofSeconds(60),
                () -> claims("management-facts").equals(Map.of(survivor, 2)));
        long takenOver = System.nanoTime();
        for (Future<?> probe : sentProbes) {
            probe.get(120, TimeUnit.SECONDS);
        }
        long end = System.nanoTime();
        // no new visits; the ones under way are answered (an interrupted request would count as refused)
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        probing.shutdown();

        double takeover = (takenOver - killedAt) / 1e9;
        List<Long> before = new ArrayList<>();
        List<Long> during = new ArrayList<>();
        List<Long> after = new ArrayList<>();
        for (Probe probe : probes) {
            (probe.committedAt() < killedAt ? before : probe.committedAt() <= takenOver ? during : after)
                    .add(probe.lagNanos());
        }
        System.out.printf("fault 5: %.1f commands/s for %.0f s (%d load commands failed), kill -9 of one of two query "
                        + "instances after %.0f s; survivor held every segment %.1f s after the kill "
                        + "(bound: claim timeout 5 s + claim interval 2 s)%n",
                (loadSent.get() + 2.0 * probes.size()) / ((end - start) / 1e9), (end - start) / 1e9,
                loadFailed.get(), (killedAt - start) / 1e9, takeover);
        System.out.println("fault 5: lag assignment -> visible in /api/caseload of the survivor: two instances "
                + percentiles(before) + "; during the takeover " + percentiles(during) + "; one instance after "
                + percentiles(after));
        assertThat(probesFailed.get()).as("probes that failed").isZero();
        assertThat(probes).hasSize(total);
        assertThat(takeover).as("takeover seconds").isLessThan(30);
        assertThat(loadFailed.get()).as("load commands refused").isZero();
    }

    private static String percentiles(List<Long> lags) {
        if (lags.isEmpty()) {
            return "no probes";
        }
        List<Long> sorted = lags.stream().sorted().toList();
        return String.format("p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d probes)", at(sorted, 0.5),
                at(sorted, 0.95), at(sorted, 0.99), at(sorted, 1.0), sorted.size());
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1_000_000;
    }

    /** The rebuild's phase at the moment of a kill, from the database. */
    private static String whereTheRebuildWas() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT reset_at IS NOT NULL, finished_at IS NOT NULL, events_total "
                     + "FROM read_model_rebuild ORDER BY generation DESC LIMIT 1")) {
            row.next();
            if (!row.getBoolean(1)) {
                return "before the reset";
            }
            if (row.getBoolean(2)) {
                return "after it finished";
            }
            return "during the replay";
        }
    }

    private static String nodeOf(ServiceProcess process) throws SQLException {
        List<String> nodes = Api.strings(postgres, "SELECT node_id FROM query_instance WHERE node_id LIKE ?",
                process.pid() + "@%");
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }

    private static Map<String, Integer> claims(String processor) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement("SELECT owner, count(*) FROM token_entry "
                     + "WHERE processor_name = ? AND owner IS NOT NULL GROUP BY owner")) {
            statement.setString(1, processor);
            Map<String, Integer> claims = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claims.put(rows.getString(1), rows.getInt(2));
                }
            }
            return claims;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every read-model table's rows, sorted, as text. */
    private static Map<String, String> everyReadModel() throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : Api.strings(postgres, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_name LIKE 'rm\\_%' ORDER BY table_name")) {
            tables.put(table, Api.strings(postgres, "SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') "
                    + "FROM " + table + " t").get(0));
        }
        assertThat(tables).isNotEmpty();
        return tables;
    }

    /** The management views' JSON. */
    private static Map<String, String> views(ServiceProcess service) throws Exception {
        Map<String, String> views = new LinkedHashMap<>();
        for (String path : List.of("/api/caseload", "/api/waiting-list", "/api/overruns",
                "/api/quality-report?from=" + Api.TODAY.minusDays(730) + "&to=" + Api.TODAY)) {
            HttpResponse<String> answer = get(service, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            views.put(path, answer.body());
        }
        return views;
    }

    private static void awaitFinished(ServiceProcess service) {
        await("rebuild finished", Duration.ofSeconds(180), () -> {
            try {
                HttpResponse<String> status = get(service, "/api/admin/rebuild");
                return status.statusCode() == 200
                        && Api.JSON.readTree(status.body()).get("state").asString().equals("FINISHED");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void homeVisit(String path) throws Exception {
        Api.Answer visit = Api.post(commands.baseUrl(), path + "/home-visits", """
                {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false, "summary": "Verslag"}"""
                .formatted(Api.TODAY.minusDays(10)));
        assertThat(visit.status()).as("home visit").isEqualTo(201);
    }

    private static int post(ServiceProcess service, String path) throws Exception {
        return Api.post(service.baseUrl(), path, "application/json", new byte[0], null).status();
    }

    private static HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", ADMIN).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** All active trajectories in the caseload. */
    private static int active(ServiceProcess service) {
        return active(service, null);
    }

    /** Active trajectories of one coach (or of all, for null) in the caseload. */
    private static int active(ServiceProcess service, String coachId) {
        try {
            HttpResponse<String> answer = get(service, "/api/caseload");
            if (answer.statusCode() != 200) {
                return -1;
            }
            int active = 0;
            for (JsonNode coach : Api.JSON.readTree(answer.body()).get("coaches")) {
                if (coachId == null || coach.get("coachId").asString().equals(coachId)) {
                    active += coach.get("activeTrajectories").asInt();
                }
            }
            return active;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            ServiceProcess.pause(100);
        }
    }
}
