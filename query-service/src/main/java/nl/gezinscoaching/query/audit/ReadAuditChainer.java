package nl.gezinscoaching.query.audit;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the read audit's chain in the background: gives every committed entry that has no chain
 * position yet the next position, the previous entry's hash and its keyed hash. Entries are chained in
 * the order they become visible, i.e. committed, not in id order: ids come from a sequence and commit
 * out of order, and an entry whose id is lower than the chain's newest simply gets the next position.
 * One chainer at a time across all instances (a transaction-scoped PostgreSQL advisory lock; another
 * instance that holds it makes this one skip its turn), called from one scheduler thread per instance.
 */
@Component
class ReadAuditChainer {

    /** The advisory lock of the chain's head, held by whoever appends to the chain. */
    static final long CHAIN_LOCK = 7346202;
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final AuditChain chain;
    private final TransactionTemplate transaction;

    ReadAuditChainer(JdbcClient jdbc, DataSource dataSource, AuditChain chain, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = new JdbcTemplate(dataSource);
        this.chain = chain;
        this.transaction = new TransactionTemplate(transactions);
    }

    private record Head(long position, String hash) {
    }

    /** Chains every entry committed so far; returns how many (0 when another instance is chaining). */
    int chainPending() {
        int total = 0;
        Integer chained;
        do {
            chained = transaction.execute(status -> chainBatch());
            total += chained == null ? 0 : chained;
        } while (chained != null && chained == BATCH);
        return total;
    }

    private int chainBatch() {
        if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(CHAIN_LOCK).query(Boolean.class).single()) {
            return 0;
        }
        Head head = jdbc.sql("""
                        SELECT chain_position, hash FROM read_audit WHERE chain_position IS NOT NULL
                        ORDER BY chain_position DESC LIMIT 1""")
                .query((row, i) -> new Head(row.getLong(1), row.getString(2)))
                .optional()
                .orElse(new Head(0, AuditChain.GENESIS));
        List<AuditChain.Entry> pending = jdbc.sql("""
                        SELECT id, read_at, reader, trajectory_id, purpose FROM read_audit WHERE chain_position IS NULL
                        ORDER BY id LIMIT ?""")
                .param(BATCH)
                .query((row, i) -> new AuditChain.Entry(row.getLong("id"), row.getTimestamp("read_at").toInstant(),
                        row.getString("reader"), row.getString("trajectory_id"), row.getString("purpose")))
                .list();
        List<Object[]> updates = new ArrayList<>(pending.size());
        long position = head.position();
        String previous = head.hash();
        for (AuditChain.Entry entry : pending) {
            position++;
            String hash = chain.hash(previous, position, entry);
            updates.add(new Object[] {position, previous, hash, entry.id()});
            previous = hash;
        }
        batch.batchUpdate("UPDATE read_audit SET chain_position = ?, previous_hash = ?, hash = ? WHERE id = ?", updates);
        return pending.size();
    }
}
