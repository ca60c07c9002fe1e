package nl.gezinscoaching.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.platform.crypto.FieldCipher;
import nl.gezinscoaching.platform.crypto.MasterKeys;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.replay.ReadModelRebuild;
import nl.gezinscoaching.query.replay.RebuildStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rebuild rate of every read model from a generated event store of {@code -Dbench.events=1000000}
 * events, against a baseline in the same run: a plain JDBC scan that reads and deserializes the same rows
 * without projecting them.
 */
final class ReplayBenchmark {

    private static final ObjectMapper JSON = AxonJdbcAutoConfiguration.storageObjectMapper();

    private ReplayBenchmark() {
    }

    static void run() throws Exception {
        long target = Long.getLong("bench.events", 1_000_000);
        System.out.println("\n== Replay: rebuild of every read model from " + target + " generated events ==");
        try (BenchDatabase database = new BenchDatabase();
             ConfigurableApplicationContext query = new SpringApplicationBuilder(QueryServiceApplication.class)
                     .web(WebApplicationType.NONE).run(database.serviceArguments());
             HikariDataSource pool = database.pool(2)) {
            System.out.println(BenchDatabase.describe(pool));
            // the schema exists now; stop the projections while the history is written
            Map<String, EventProcessor> processors = query.getBean(EventProcessingConfiguration.class).eventProcessors();
            processors.forEach((name, processor) -> System.out.printf("processor %s: %s%n", name,
                    processor.getClass().getSimpleName()));
            processors.values().forEach(EventProcessor::shutDown);

            long start = System.nanoTime();
            // keys wrapped with the query service's master key; each reader below has its own key cache
            MasterKeys masterKeys = query.getBean(MasterKeys.class);
            long events = new EventGenerator().write(pool, masterKeys, target);
            System.out.printf("generated %,d events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);

            double baseline = Math.max(scan(pool, masterKeys, events), scan(pool, masterKeys, events));

            ReadModelRebuild rebuild = query.getBean(ReadModelRebuild.class);
            long commitsBefore = commits(pool);
            long rebuildStart = System.nanoTime();
            rebuild.start();
            RebuildStatus status = rebuild.status();
            while (!"FINISHED".equals(status.state())) {
                Thread.sleep(500);
                status = rebuild.status();
                System.out.printf("  rebuild %s: %,d / %,d (%.1f%%)%n", status.state(), status.eventsDone(),
                        status.eventsTotal(), status.percentDone());
            }
            double seconds = (System.nanoTime() - rebuildStart) / 1e9;
            double rate = status.eventsTotal() / seconds;
            System.out.printf("transactions committed during the rebuild: %,d (%.0f events per transaction)%n",
                    commits(pool) - commitsBefore, (double) status.eventsTotal() / Math.max(1, commits(pool) - commitsBefore));
            System.out.printf("read models rebuilt: %s%n", status.readModels().stream().map(RebuildStatus.ReadModel::name).toList());
            System.out.printf("rebuild: %,d events in %.1f s = %,.0f events/s (every read model)%n", status.eventsTotal(),
                    seconds, rate);
            System.out.printf("baseline (plain JDBC scan + deserialize, best of two): %,.0f events/s%n", baseline);
            System.out.printf("rebuild / baseline: %.0f%%%n", 100 * rate / baseline);
            System.out.printf("Target (issue 22): >= 60%% of baseline: %s%n", rate >= 0.6 * baseline ? "MET" : "MISSED");
        }
    }

    private static long commits(HikariDataSource pool) throws Exception {
        try (Connection connection = pool.getConnection(); var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Reads and deserializes every event row, doing nothing with it: what any replay must at least do. */
    private static double scan(HikariDataSource pool, MasterKeys masterKeys, long expected) throws Exception {
        // the same deserialization a replay does, personal fields decrypted with the family keys
        Serializer serializer = AxonJdbcAutoConfiguration.eventSerializer(new FieldCipher(new FamilyKeys(pool, masterKeys)));
        long start = System.nanoTime();
        long count = 0;
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                           payload_type, payload_revision, payload, meta_data
                    FROM domain_event_entry ORDER BY global_index""")) {
                select.setFetchSize(1000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Object payload = serializer.deserialize(new SimpleSerializedObject<>(rows.getBytes("payload"),
                                byte[].class, rows.getString("payload_type"), rows.getString("payload_revision")));
                        Object metaData = JSON.readValue(rows.getBytes("meta_data"), Map.class);
                        if (payload != null && metaData != null) {
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
