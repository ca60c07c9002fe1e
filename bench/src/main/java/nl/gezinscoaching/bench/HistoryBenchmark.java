package nl.gezinscoaching.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.audit.SwitchableReadAudit;
import nl.gezinscoaching.query.audit.SwitchableReadAudit.Append;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * History reads, {@code GET /api/trajectories/{id}/history}, over HTTP against the real query service (its
 * own configuration: Tomcat, Hikari pool of 10, the read audit's chainer every second) on the embedded
 * database started as the services start it (fsync on), by {@code -Dbench.users=20} concurrent users, each
 * sending its next read when the last one answered. Every read loads one of {@code -Dbench.families=200}
 * families' streams of {@code -Dbench.events=30} events (personal fields encrypted) from the event store.
 * <p>
 * Three appends of the read audit ({@link SwitchableReadAudit}), in alternating rounds on the same service
 * and database: {@code none} (the read without its audit entry: the baseline), {@code locked-chain} (the
 * append before issue 9: one global advisory lock held by the read's transaction while it chains its
 * entry) and {@code insert-only} (the append now). After {@code -Dbench.warmup=30} seconds of each,
 * {@code -Dbench.rounds=5} rounds of {@code -Dbench.seconds=15} seconds per append, the order rotating per
 * round; each figure is the round with the median rate. Between rounds the chainer catches up, untimed (the
 * time it needed is printed). Then the two appends alone, in process, by as many threads
 * ({@code -Dbench.appendSeconds=5} per round): what the lock allows without the rest of the read. Ends with
 * the chain's verification. The machine's load average is printed per round: the cores may be shared.
 */
final class HistoryBenchmark {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final LocalDate RECEIVED_ON = LocalDate.of(2026, 3, 2);

    private HistoryBenchmark() {
    }

    record Result(Append append, long reads, double perSecond, double p50, double p95, double p99,
                  double cpuMillisPerRead, long errors) {
    }

    static void run() throws Exception {
        int users = Integer.getInteger("bench.users", 20);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int warmup = Integer.getInteger("bench.warmup", 30);
        int families = Integer.getInteger("bench.families", 200);
        int events = Integer.getInteger("bench.events", 30);
        System.out.printf("%n== History reads: %d users, %d rounds of %d s per append, %d families of %d events ==%n",
                users, rounds, seconds, families, events);
        try (BenchDatabase database = new BenchDatabase();
             ConfigurableApplicationContext query = new SpringApplicationBuilder(QueryServiceApplication.class,
                     SwitchableReadAudit.Beans.class).run(database.serviceArguments())) {
            System.out.println(BenchDatabase.describe(query.getBean(javax.sql.DataSource.class)));
            System.out.println("Service arguments: " + database.serviceArgumentsForDisplay());
            SwitchableReadAudit audit = query.getBean(SwitchableReadAudit.class);
            List<String> ids = publish(query.getBean(EventStore.class), families, events);
            String base = "http://localhost:" + query.getEnvironment().getProperty("local.server.port")
                    + "/api/trajectories/";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            System.out.println("load average before: " + loadAverage());
            for (Append append : Append.values()) {
                audit.use(append);
                measure(http, base, ids, users, warmup, append);
                catchUp(audit);
            }
            Map<Append, List<Result>> results = new EnumMap<>(Append.class);
            Append[] order = Append.values();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < order.length; i++) {
                    Append append = order[(i + round) % order.length];
                    audit.use(append);
                    Result result = measure(http, base, ids, users, seconds, append);
                    long catchUp = catchUp(audit);
                    results.computeIfAbsent(append, a -> new ArrayList<>()).add(result);
                    System.out.printf("round %d %-12s %7.1f reads/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms"
                                    + "  JVM CPU %.2f ms/read  errors %d  chainer catch-up %d ms  load %s%n",
                            round + 1, name(append), result.perSecond(), result.p50(), result.p95(), result.p99(),
                            result.cpuMillisPerRead(), result.errors(), catchUp, loadAverage());
                }
            }
            report(results);
            appendsAlone(audit, ids, users, rounds, Integer.getInteger("bench.appendSeconds", 5));
            audit.use(Append.INSERT_ONLY);
            String verification = get(http, "http://localhost:" + query.getEnvironment().getProperty("local.server.port")
                    + "/api/admin/read-audit/verification").body();
            System.out.println("Read audit after the run: " + verification);
        }
    }

    private static String name(Append append) {
        return append.name().toLowerCase().replace('_', '-');
    }

    /** Families as the command service stores them: a referral and home visits with a summary each. */
    private static List<String> publish(EventStore eventStore, int families, int events) {
        List<String> ids = new ArrayList<>();
        for (int f = 0; f < families; f++) {
            String id = UUID.randomUUID().toString();
            List<EventMessage<?>> stream = new ArrayList<>();
            stream.add(new GenericDomainEventMessage<>("Trajectory", id, 0, new FamilyReferred(id, RECEIVED_ON,
                    new Family("REF-" + f, "Familie Bench", "Escamp", "nl", false, MigrationGeneration.NONE),
                    List.of(new Child("Kind", LocalDate.of(2016, 1, 1)), new Child("Kind", LocalDate.of(2019, 6, 1))),
                    new Referrer("Arts", "JGZ"), Set.of(ReferralReason.CARE_COORDINATION), false)));
            for (int e = 1; e < events; e++) {
                stream.add(new GenericDomainEventMessage<>("Trajectory", id, e, new HomeVisitHeld(id,
                        UUID.randomUUID().toString(), RECEIVED_ON.plusDays(e), 60, false,
                        "Huisbezoek: gesprek met ouders over de afspraken van het gezinsplan, " + e, VisitLocation.HOME)));
            }
            eventStore.publish(stream);
            ids.add(id);
        }
        return ids;
    }

    /** One round: every user reads random histories until the time is up. */
    private static Result measure(HttpClient http, String base, List<String> ids, int users, int seconds, Append append)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<Latencies>> work = new ArrayList<>();
        long[] errors = new long[users];
        for (int u = 0; u < users; u++) {
            int user = u;
            work.add(pool.submit(() -> {
                Latencies latencies = new Latencies();
                while (System.nanoTime() < end) {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    long sent = System.nanoTime();
                    HttpResponse<String> response = get(http, base + id + "/history");
                    if (response.statusCode() == 200) {
                        latencies.add(System.nanoTime() - sent);
                    } else {
                        errors[user]++;
                    }
                }
                return latencies;
            }));
        }
        List<Latencies> parts = new ArrayList<>();
        for (Future<Latencies> future : work) {
            parts.add(future.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = processCpuNanos() - cpuBefore;
        pool.shutdown();
        Latencies all = Latencies.merge(parts);
        long errorCount = 0;
        for (long e : errors) {
            errorCount += e;
        }
        return new Result(append, all.count(), all.count() / elapsed, all.millis(0.50), all.millis(0.95),
                all.millis(0.99), all.count() == 0 ? Double.NaN : cpu / 1e6 / all.count(), errorCount);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", ADMIN)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (untimed) until the chainer has chained every entry; how long that took. */
    private static long catchUp(SwitchableReadAudit audit) throws InterruptedException {
        long start = System.nanoTime();
        while (audit.pending() > 0) {
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(Map<Append, List<Result>> results) {
        Map<Append, Result> median = new EnumMap<>(Append.class);
        results.forEach((append, list) -> median.put(append, median(list)));
        System.out.println("\nMedian round per append:");
        System.out.println("| append | reads/s | p50 | p95 | p99 | JVM CPU per read | rate vs none | p95 vs none |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        Result none = median.get(Append.NONE);
        for (Result r : median.values()) {
            System.out.printf("| %s | %.1f | %.1f ms | %.1f ms | %.1f ms | %.2f ms | %.0f%% | %.2f |%n", name(r.append()),
                    r.perSecond(), r.p50(), r.p95(), r.p99(), r.cpuMillisPerRead(), 100 * r.perSecond() / none.perSecond(),
                    r.p95() / none.p95());
        }
        Result locked = median.get(Append.LOCKED_CHAIN);
        Result insert = median.get(Append.INSERT_ONLY);
        System.out.printf("insert-only vs locked-chain: rate %.2fx, p50 %.2fx, p95 %.2fx%n",
                insert.perSecond() / locked.perSecond(), insert.p50() / locked.p50(), insert.p95() / locked.p95());
    }

    /**
     * The two appends without the rest of the read: the same number of threads call the audit in process
     * (one transaction each, as a read does), alternating rounds. Shows what the lock alone allows.
     */
    private static void appendsAlone(SwitchableReadAudit audit, List<String> ids, int threads, int rounds, int seconds)
            throws Exception {
        System.out.printf("%nThe appends alone: %d threads calling the read audit in process, %d rounds of %d s%n",
                threads, rounds, seconds);
        Map<Append, List<Result>> results = new EnumMap<>(Append.class);
        for (int round = 0; round < rounds; round++) {
            for (Append append : round % 2 == 0 ? List.of(Append.LOCKED_CHAIN, Append.INSERT_ONLY)
                    : List.of(Append.INSERT_ONLY, Append.LOCKED_CHAIN)) {
                audit.use(append);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long start = System.nanoTime();
                long end = start + seconds * 1_000_000_000L;
                List<Future<Latencies>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    work.add(pool.submit(() -> {
                        Latencies latencies = new Latencies();
                        while (System.nanoTime() < end) {
                            long sent = System.nanoTime();
                            audit.record(ids.get(ThreadLocalRandom.current().nextInt(ids.size())), "bench");
                            latencies.add(System.nanoTime() - sent);
                        }
                        return latencies;
                    }));
                }
                List<Latencies> parts = new ArrayList<>();
                for (Future<Latencies> future : work) {
                    parts.add(future.get());
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                pool.shutdown();
                Latencies all = Latencies.merge(parts);
                long catchUp = catchUp(audit);
                Result result = new Result(append, all.count(), all.count() / elapsed, all.millis(0.5), all.millis(0.95),
                        all.millis(0.99), Double.NaN, 0);
                results.computeIfAbsent(append, a -> new ArrayList<>()).add(result);
                System.out.printf("round %d %-12s %8.1f appends/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms"
                                + "  chainer catch-up %d ms  load %s%n", round + 1, name(append), result.perSecond(),
                        result.p50(), result.p95(), result.p99(), catchUp, loadAverage());
            }
        }
        Result locked = median(results.get(Append.LOCKED_CHAIN));
        Result insert = median(results.get(Append.INSERT_ONLY));
        System.out.printf("Median: locked-chain %.1f appends/s (p95 %.2f ms), insert-only %.1f appends/s (p95 %.2f ms):"
                        + " rate %.2fx, p95 %.2fx%n", locked.perSecond(), locked.p95(), insert.perSecond(), insert.p95(),
                insert.perSecond() / locked.perSecond(), insert.p95() / locked.p95());
    }

    private static Result median(List<Result> results) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(Result::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The machine's load average (1, 5, 15 min): the cores are shared with other work. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
