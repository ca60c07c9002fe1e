package nl.gezinscoaching.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Axon's JDBC dead-letter queue on our table (V105) with our statements, against what Axon 4.13's own
 * statements do: a retry finds any sequence however many there are, and a letter that fails again keeps
 * its cause's type.
 */
class DeadLetterQueueIT {

    private static final String GROUP = "a-group";
    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();
    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(null, 0);
        dataSource = postgres.getPostgresDatabase();
        try (InputStream ddl = DeadLetterQueueIT.class.getResourceAsStream("/db/query/V105__dead_letters.sql")) {
            JdbcClient.create(dataSource).sql(new String(ddl.readAllBytes(), StandardCharsets.UTF_8)).update();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void empty() {
        JdbcClient.create(dataSource).sql("DELETE FROM " + DeadLetterQueries.TABLE).update();
    }

    private static JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(boolean ours) {
        DeadLetterSchema schema = DeadLetterConfiguration.schema();
        JdbcSequencedDeadLetterQueue.Builder<EventMessage<?>> builder = JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(GROUP)
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.instance())
                .schema(schema)
                .genericSerializer(SERIALIZER)
                .eventSerializer(SERIALIZER);
        if (ours) {
            builder.statementFactory(new PagedDeadLetterStatementFactory(schema, SERIALIZER));
        }
        return builder.build();
    }

    private static void enqueueSequences(JdbcSequencedDeadLetterQueue<EventMessage<?>> queue, int count) {
        for (int i = 0; i < count; i++) {
            String sequence = "trajectory-%02d".formatted(i);
            queue.enqueue(sequence, new GenericDeadLetter<>(sequence, GenericEventMessage.asEventMessage("event " + i),
                    new ThrowableCause("java.lang.IllegalStateException", "failed")));
        }
    }

    private static boolean retry(JdbcSequencedDeadLetterQueue<EventMessage<?>> queue, String sequence) {
        return queue.process(letter -> ((JdbcDeadLetter<?>) letter).getSequenceIdentifier().equals(sequence),
                letter -> Decisions.evict());
    }

    @Test
    void aRetryOfOneTrajectoryFindsItAmongMoreThanTenSequences() {
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue(true);
        enqueueSequences(queue, 25);
        assertThat(retry(queue, "trajectory-23")).isTrue();
        assertThat(queue.contains("trajectory-23")).isFalse();
        assertThat(queue.amountOfSequences()).isEqualTo(24);
    }

    @Test
    void axonsOwnStatementsFindOnlyTheTenLeastRecentlyTouchedSequences() {
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue(false);
        enqueueSequences(queue, 25);
        assertThat(retry(queue, "trajectory-23")).isFalse();
        assertThat(queue.contains("trajectory-23")).isTrue();
    }

    @Test
    void aLetterThatFailsAgainKeepsTheTypeOfItsNewCause() {
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue(true);
        enqueueSequences(queue, 1);
        AtomicReference<String> stored = new AtomicReference<>();
        queue.process(letter -> Decisions.requeue(new ThrowableCause("java.lang.NullPointerException",
                "NullPointerException at Projection.on(Projection.java:1)")));
        JdbcClient.create(dataSource).sql("SELECT cause_type || ' / ' || cause_message FROM " + DeadLetterQueries.TABLE)
                .query(String.class).optional().ifPresent(stored::set);
        assertThat(stored.get())
                .isEqualTo("java.lang.NullPointerException / NullPointerException at Projection.on(Projection.java:1)");
    }
}
