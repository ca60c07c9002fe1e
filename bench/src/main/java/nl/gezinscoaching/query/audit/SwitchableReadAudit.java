package nl.gezinscoaching.query.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import nl.gezinscoaching.platform.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * For the history benchmark only: the read audit with its append switchable at run time, so that the
 * appends to compare run in alternating rounds on the same service and database. It lives in the bench
 * module, in the read audit's package for its package-private parts; the query service knows nothing of it.
 */
public class SwitchableReadAudit extends ReadAudit {

    public enum Append {
        /** No audit entry: the read alone, the baseline. */
        NONE,
        /**
         * The append before issue 9: the read's transaction takes the chain's advisory lock, reads the head,
         * and writes its entry chained (the code of commit afc395a, with the chain position of today's schema).
         */
        LOCKED_CHAIN,
        /** The append now: the read inserts its entry, the chainer chains it in the background. */
        INSERT_ONLY
    }

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final Clock clock;
    private volatile Append append = Append.INSERT_ONLY;

    SwitchableReadAudit(JdbcClient jdbc, AuditChain chain, Clock clock) {
        super(jdbc, clock);
        this.jdbc = jdbc;
        this.chain = chain;
        this.clock = clock;
    }

    public void use(Append append) {
        this.append = append;
    }

    @Override
    @Transactional
    public void record(String trajectoryId, String purpose) {
        switch (append) {
            case NONE -> {
            }
            case LOCKED_CHAIN -> lockedAppend(trajectoryId, purpose);
            case INSERT_ONLY -> super.record(trajectoryId, purpose);
        }
    }

    private void lockedAppend(String trajectoryId, String purpose) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ReadAuditChainer.CHAIN_LOCK).query(Object.class).single();
        record Head(long position, String hash) {
        }
        Head head = jdbc.sql("""
                        SELECT chain_position, hash FROM read_audit WHERE chain_position IS NOT NULL
                        ORDER BY chain_position DESC LIMIT 1""")
                .query((row, i) -> new Head(row.getLong(1), row.getString(2)))
                .optional().orElse(new Head(0, AuditChain.GENESIS));
        long id = jdbc.sql("SELECT nextval('read_audit_id_seq')").query(Long.class).single();
        AuditChain.Entry entry = new AuditChain.Entry(id, clock.instant().truncatedTo(ChronoUnit.MICROS),
                CurrentUser.name(), trajectoryId, purpose);
        long position = head.position() + 1;
        jdbc.sql("""
                INSERT INTO read_audit (id, read_at, reader, trajectory_id, purpose, chain_position, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(entry.readAt()), entry.reader(), trajectoryId, purpose, position,
                        head.hash(), chain.hash(head.hash(), position, entry))
                .update();
    }

    /** Entries not chained yet. */
    public long pending() {
        return jdbc.sql("SELECT count(*) FROM read_audit WHERE chain_position IS NULL").query(Long.class).single();
    }

    /** Puts the switchable audit into the query service's context: pass this class as an extra source. */
    public static class Beans {

        @Bean
        @Primary
        SwitchableReadAudit switchableReadAudit(JdbcClient jdbc, AuditChain chain, Clock clock) {
            return new SwitchableReadAudit(jdbc, chain, clock);
        }
    }
}
