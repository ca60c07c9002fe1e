package nl.gezinscoaching.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.crypto.MasterKeys;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.replay.ReadModelRebuild;
import nl.gezinscoaching.query.replay.RebuildStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several query-service instances (issue 13b), two Spring contexts in this JVM on one database, each with its own
 * token owner:
 * <ol>
 *   <li>projection lag at {@code -Dbench.rate=50} commands/s for {@code -Dbench.seconds=30} s, after
 *       {@code -Dbench.warmup=10} s of the same load that are not counted, with one query
 *       instance, then with two (the probes read the first instance's caseload; LagBenchmark's probe);</li>
 *   <li>the rebuild of every read model from {@code -Dbench.events=300000} generated events, carried out by both
 *       instances, then by one alone, on the same events.</li>
 * </ol>
 * Both instances share this JVM's two cores: the figures show the cost of the coordination and whether sharing the
 * segments helps on this machine, not what two machines would give. The load average is printed with each figure.
 */
final class InstancesBenchmark {

    private InstancesBenchmark() {
    }

    static void run() throws Exception {
        long target = Long.getLong("bench.events", 300_000);
        int rate = Integer.getInteger("bench.rate", 50);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmup = Integer.getInteger("bench.warmup", 10);
        System.out.println("\n== Several query instances: lag at " + rate + " commands/s with one and two, rebuild of "
                + target + " events by two and by one ==");
        try (BenchDatabase database = new BenchDatabase();
             ConfigurableApplicationContext commands = CommandServiceApplication.application()
                     .web(WebApplicationType.NONE).run(database.serviceArguments());
             ConfigurableApplicationContext first = new SpringApplicationBuilder(QueryServiceApplication.class)
                     .run(database.serviceArguments());
             HikariDataSource pool = database.pool(2)) {
            System.out.println(BenchDatabase.describe(pool));
            CommandGateway gateway = commands.getBean(CommandGateway.class);
            String caseloadUrl = "http://localhost:" + first.getEnvironment().getProperty("local.server.port")
                    + "/api/caseload";

            warmUp(gateway, caseloadUrl, "warm-one-", rate, warmup);
            System.out.println("-- lag, one query instance; " + loadAverage());
            Latencies one = LagBenchmark.measure(gateway, caseloadUrl, "one-", rate, seconds).measured();

            ConfigurableApplicationContext second = new SpringApplicationBuilder(QueryServiceApplication.class)
                    .web(WebApplicationType.NONE).run(database.serviceArguments());
            try {
                awaitShared(pool);
                warmUp(gateway, caseloadUrl, "warm-two-", rate, warmup);
                System.out.println("-- lag, two query instances (segments shared: " + claims(pool) + "); " + loadAverage());
                Latencies two = LagBenchmark.measure(gateway, caseloadUrl, "two-", rate, seconds).measured();

                // the history is written while no projection runs; the rebuild then starts them all again
                stopProcessors(first);
                stopProcessors(second);
                long events = new EventGenerator().write(pool, first.getBean(MasterKeys.class), target);
                System.out.printf("generated %,d events%n", events);
                double byTwo = rebuild(first, pool, "two instances");
                second.close();
                second = null;
                double byOne = rebuild(first, pool, "one instance");

                System.out.printf("lag p50/p95/p99: one instance %.0f/%.0f/%.0f ms, two instances %.0f/%.0f/%.0f ms "
                                + "(target p99 < 100 ms: one %s, two %s)%n",
                        one.millis(0.5), one.millis(0.95), one.millis(0.99), two.millis(0.5), two.millis(0.95),
                        two.millis(0.99), one.millis(0.99) < 100 ? "MET" : "MISSED",
                        two.millis(0.99) < 100 ? "MET" : "MISSED");
                System.out.printf("rebuild: two instances %,.0f events/s, one instance %,.0f events/s: two / one = %.2f%n",
                        byTwo, byOne, byTwo / byOne);
            } finally {
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    /**
     * The same load for {@code seconds}, its figures discarded: the JIT's first compilations and the second instance's
     * first batches are not the steady state the target is about (the takeover's lag is measured by fault 5).
     */
    private static void warmUp(CommandGateway gateway, String caseloadUrl, String prefix, int rate, int seconds)
            throws Exception {
        if (seconds > 0) {
            System.out.println("-- warm-up for " + seconds + " s, not counted; " + loadAverage());
            LagBenchmark.measure(gateway, caseloadUrl, prefix, rate, seconds);
        }
    }

    private static double rebuild(ConfigurableApplicationContext query, HikariDataSource pool, String who)
            throws Exception {
        ReadModelRebuild rebuild = query.getBean(ReadModelRebuild.class);
        long start = System.nanoTime();
        if (!rebuild.start()) {
            throw new IllegalStateException("Rebuild refused");
        }
        RebuildStatus status = rebuild.status();
        long lastPrint = 0;
        while (!"FINISHED".equals(status.state())) {
            Thread.sleep(200);
            status = rebuild.status();
            if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf("  rebuild by %s: %,d / %,d (%.1f%%), claims %s%n", who, status.eventsDone(),
                        status.eventsTotal(), status.percentDone(), claims(pool));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = status.eventsTotal() / seconds;
        System.out.printf("rebuild by %s: %,d events in %.1f s = %,.0f events/s; %s%n", who, status.eventsTotal(),
                seconds, rate, loadAverage());
        return rate;
    }

    private static void stopProcessors(ConfigurableApplicationContext query) {
        query.getBean(EventProcessingConfiguration.class).eventProcessors().values().forEach(EventProcessor::shutDown);
    }

    /** Until each of the two instances holds half of the facts' segments. */
    private static void awaitShared(HikariDataSource pool) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!shared(claims(pool))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Segments not shared after 60 s: " + claims(pool));
            }
            Thread.sleep(200);
        }
    }

    /** Two owners with the same number of segments each. */
    private static boolean shared(Map<String, Integer> claims) {
        return claims.size() == 2 && claims.values().stream().distinct().count() == 1;
    }

    /** Claims of the facts' segments per owner. */
    private static Map<String, Integer> claims(HikariDataSource pool) throws Exception {
        Map<String, Integer> claims = new LinkedHashMap<>();
        try (Connection connection = pool.getConnection(); var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT owner, count(*) FROM token_entry "
                     + "WHERE processor_name = 'management-facts' AND owner IS NOT NULL GROUP BY owner ORDER BY owner")) {
            while (rows.next()) {
                claims.put(rows.getString(1), rows.getInt(2));
            }
        }
        return claims;
    }

    private static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (Exception e) {
            return "load average unknown";
        }
    }
}
