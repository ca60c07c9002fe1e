package nl.gezinscoaching.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.platform.crypto.FieldCipher;
import nl.gezinscoaching.platform.crypto.MasterKeys;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.export.EventExport;
import nl.gezinscoaching.study.Study;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The analysts' export and study (issue 12) on a generated store of {@code -Dbench.events=1000000} events:
 * (1) the pseudonymised NDJSON export into a file, against a baseline in the same run: the plain JDBC scan
 * that reads and deserializes the same rows (what any export must at least do); (2) the study's replay of
 * that export file (DuckDB reading the NDJSON, the fold into one row per trajectory), target at least
 * 100,000 events/s; the datasets and the report are timed apart.
 */
final class ExportBenchmark {

    private ExportBenchmark() {
    }

    static void run() throws Exception {
        long target = Long.getLong("bench.events", 1_000_000);
        Path dir = Files.createTempDirectory("export-bench");
        // -Dbench.exportFile=EXPORT.ndjson: only the study's replay, of that file
        String given = System.getProperty("bench.exportFile");
        Path file = given != null ? Path.of(given) : dir.resolve("events.ndjson");
        if (given == null) {
            System.out.println("\n== Export and study: " + target + " generated events ==");
            export(target, file);
        } else {
            System.out.println("\n== Study of " + file + " ==");
        }
        study(file, dir);
    }

    private static void export(long target, Path file) throws Exception {
        try (BenchDatabase database = new BenchDatabase();
             ConfigurableApplicationContext query = new SpringApplicationBuilder(QueryServiceApplication.class)
                     .web(WebApplicationType.NONE).run(database.serviceArguments());
             HikariDataSource pool = database.pool(2)) {
            System.out.println(BenchDatabase.describe(pool));
            // the projections are not what is measured: stopped while the history is written and exported
            Map<String, EventProcessor> processors = query.getBean(EventProcessingConfiguration.class).eventProcessors();
            processors.values().forEach(EventProcessor::shutDown);
            MasterKeys masterKeys = query.getBean(MasterKeys.class);
            long start = System.nanoTime();
            long events = new EventGenerator().write(pool, masterKeys, target);
            System.out.printf("generated %,d events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);

            double baseline = Math.max(scan(pool, masterKeys, events), scan(pool, masterKeys, events));
            EventExport export = query.getBean(EventExport.class);
            double best = 0;
            long lines = 0;
            for (int run = 1; run <= 2; run++) {
                long exportStart = System.nanoTime();
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    lines = export.write(null, out).events();
                }
                double seconds = (System.nanoTime() - exportStart) / 1e9;
                double rate = lines / seconds;
                best = Math.max(best, rate);
                System.out.printf("export run %d: %,d events in %.1f s = %,.0f events/s, file %,d MB%n", run, lines,
                        seconds, rate, Files.size(file) / 1_000_000);
            }
            System.out.printf("baseline (plain JDBC scan + deserialize, best of two): %,.0f events/s%n", baseline);
            System.out.printf("export (best of two): %,.0f events/s = %.0f%% of the baseline%n", best, 100 * best / baseline);
        }
    }

    private static void study(Path file, Path dir) throws Exception {
        // the study runs without the database: it reads only the file
        System.out.printf("load average before the study: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        Study.Result result = null;
        double bestReplay = 0;
        for (int run = 1; run <= 2; run++) {
            long studyStart = System.nanoTime();
            result = Study.run(file, null, null, dir.resolve("study-" + run), new PrintStream(System.err, true));
            double total = (System.nanoTime() - studyStart) / 1e9;
            bestReplay = Math.max(bestReplay, result.eventsPerSecond());
            System.out.printf("study run %d: replay of %,d events in %.1f s = %,.0f events/s (CPU %.1f s, %,.0f events"
                            + " per CPU-second); %,d trajectories; whole study (replay, datasets, report) %.1f s%n", run,
                    result.events(), result.replaySeconds(), result.eventsPerSecond(), result.replayCpuSeconds(),
                    result.events() / result.replayCpuSeconds(), result.trajectories(), total);
        }
        System.out.printf("Target: replay from a file >= 100,000 events/s: %s (best of two %,.0f events/s)%n",
                bestReplay >= 100_000 ? "MET" : "MISSED", bestReplay);
        if (!file.startsWith(dir)) {
            Files.deleteIfExists(dir.resolve("events.ndjson"));
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Reads and deserializes every event row, doing nothing with it (as ReplayBenchmark's baseline). */
    private static double scan(HikariDataSource pool, MasterKeys masterKeys, long expected) throws Exception {
        Serializer serializer = AxonJdbcAutoConfiguration.eventSerializer(new FieldCipher(new FamilyKeys(pool, masterKeys)));
        long start = System.nanoTime();
        long count = 0;
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT global_index, payload_type, payload_revision, payload FROM domain_event_entry
                    ORDER BY global_index""")) {
                select.setFetchSize(1000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Object payload = serializer.deserialize(new SimpleSerializedObject<>(rows.getBytes("payload"),
                                byte[].class, rows.getString("payload_type"), rows.getString("payload_revision")));
                        if (payload != null) {
                            count++;
                        }
                    }
                }
            }
            connection.commit();
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf("baseline scan: %,d events, %,.0f events/s%n", count, rate);
        if (count != expected) {
            throw new IllegalStateException("scan read " + count + " of " + expected + " events");
        }
        return rate;
    }
}
