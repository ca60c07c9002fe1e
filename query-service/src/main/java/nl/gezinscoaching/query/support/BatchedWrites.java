package nl.gezinscoaching.query.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.query.deadletter.DeadLetterBatch;
import nl.gezinscoaching.query.deadletter.ReadModelWriteFailed;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Collects the read-model writes of one batch of events and sends them to PostgreSQL as JDBC batches,
 * just before the batch's transaction commits, in the same transaction as the processor's token. One
 * round trip per statement shape and batch instead of one per event: this is what makes replays fast. Many rows of
 * one plain insert (a rebuild's batches) go by COPY, with the insert's own outcome ({@link CopyInserts}).
 * <p>
 * Writes must be independent of each other's order within a batch (the projections here only insert
 * facts keyed by event identity, or upsert by key), because statements are grouped by their SQL.
 * <p>
 * Each write is remembered with the event that made it. In a processing group with a dead-letter queue
 * the batch settles the writes ({@link DeadLetterBatch}): if the JDBC batches fail, it runs each event's
 * writes on their own and dead-letters the events whose writes the read model cannot hold. While Axon
 * retries a dead letter, and outside a unit of work (a unit test calling a handler), a write is executed
 * at once, so that its failure is the handler's.
 */
@Component
public class BatchedWrites {

    private static final String DEAD_LETTER = DeadLetter.class.getName();
    /** From this many rows of one insert on, they go by COPY ({@link CopyInserts}): a rebuild's batches. */
    static final int COPY_MIN_ROWS = 100;

    private final JdbcTemplate jdbc;
    private final String resourceKey = BatchedWrites.class.getName() + "@" + System.identityHashCode(this);

    public BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void write(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.getResource(DEAD_LETTER) != null) {
            update(sql, args);
            return;
        }
        UnitOfWork<?> root = unitOfWork.root();
        Pending pending = root.getOrComputeResource(resourceKey, key -> {
            Pending writes = new Pending();
            DeadLetterBatch batch = DeadLetterBatch.current();
            if (batch != null) {
                batch.include(writes);
            } else {
                root.onPrepareCommit(u -> writes.executeAll());
            }
            return writes;
        });
        pending.add(unitOfWork.getMessage().getIdentifier(), new Write(sql, args));
    }

    private void update(String sql, Object[] args) {
        try {
            jdbc.update(sql, args);
        } catch (DataAccessException e) {
            throw new ReadModelWriteFailed(sql, e);
        }
    }

    private record Write(String sql, Object[] args) {
    }

    /** A batch's writes by event, in the order the events came. */
    private final class Pending implements DeadLetterBatch.Writes {

        private final Map<String, List<Write>> byEvent = new LinkedHashMap<>();
        private String lastEvent;
        private List<Write> lastWrites;

        void add(String eventIdentifier, Write write) {
            if (!eventIdentifier.equals(lastEvent)) {
                lastEvent = eventIdentifier;
                lastWrites = byEvent.computeIfAbsent(eventIdentifier, key -> new ArrayList<>(2));
            }
            lastWrites.add(write);
        }

        @Override
        public boolean isEmpty() {
            return byEvent.isEmpty();
        }

        @Override
        public void executeAll() {
            Map<String, List<Object[]>> bySql = new LinkedHashMap<>();
            for (List<Write> writes : byEvent.values()) {
                for (Write write : writes) {
                    bySql.computeIfAbsent(write.sql(), key -> new ArrayList<>()).add(write.args());
                }
            }
            bySql.forEach((sql, rows) -> {
                if (rows.size() < COPY_MIN_ROWS || !CopyInserts.copy(jdbc.getDataSource(), sql, rows)) {
                    jdbc.batchUpdate(sql, rows);
                }
            });
        }

        @Override
        public boolean has(EventMessage<?> event) {
            return byEvent.containsKey(event.getIdentifier());
        }

        @Override
        public void execute(EventMessage<?> event) {
            for (Write write : byEvent.getOrDefault(event.getIdentifier(), List.of())) {
                update(write.sql(), write.args());
            }
        }
    }
}
