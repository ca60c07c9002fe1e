package nl.gezinscoaching.query.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Collects the read-model writes of one batch of events and sends them to PostgreSQL as JDBC batches,
 * just before the batch's transaction commits, in the same transaction as the processor's token. One
 * round trip per statement shape and batch instead of one per event: this is what makes replays fast.
 * <p>
 * Writes must be independent of each other's order within a batch (the projections here only insert
 * facts keyed by event identity, or upsert by key), because statements are grouped by their SQL.
 * Outside a unit of work (a unit test calling a handler) a write is executed at once.
 */
@Component
public class BatchedWrites {

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
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<String, List<Object[]>> pending = unitOfWork.getOrComputeResource(resourceKey, key -> {
            Map<String, List<Object[]>> writes = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> flush(writes));
            return writes;
        });
        pending.computeIfAbsent(sql, key -> new ArrayList<>()).add(args);
    }

    private void flush(Map<String, List<Object[]>> writes) {
        writes.forEach(jdbc::batchUpdate);
        writes.clear();
    }
}
