package nl.gezinscoaching.query.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import nl.gezinscoaching.platform.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records reads of a family's personal data in a keyed hash chain ({@link AuditChain}): every entry's hash
 * covers its own fields and the previous entry's hash, so changing, inserting or removing an entry in the
 * middle breaks the chain from there on, and nobody without the chain key can recompute it. Appends take
 * a PostgreSQL advisory lock, so concurrent reads chain one after another.
 */
@Component
public class ReadAudit {

    private static final long APPEND_LOCK = 7346202;

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final Clock clock;

    ReadAudit(JdbcClient jdbc, AuditChain chain, Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.clock = clock;
    }

    public record Read(Instant readAt, String reader, String purpose) {
    }

    /** Records that the signed-in user read this family's data; a read that cannot be recorded fails. */
    @Transactional
    public void record(String trajectoryId, String purpose) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(APPEND_LOCK).query(Object.class).single();
        String previous = jdbc.sql("SELECT hash FROM read_audit ORDER BY id DESC LIMIT 1")
                .query(String.class).optional().orElse(AuditChain.GENESIS);
        long id = jdbc.sql("SELECT nextval('read_audit_id_seq')").query(Long.class).single();
        AuditChain.Entry entry = new AuditChain.Entry(id, clock.instant().truncatedTo(ChronoUnit.MICROS),
                CurrentUser.name(), trajectoryId, purpose);
        jdbc.sql("""
                INSERT INTO read_audit (id, read_at, reader, trajectory_id, purpose, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(entry.readAt()), entry.reader(), trajectoryId, purpose, previous,
                        chain.hash(previous, entry))
                .update();
    }

    /** The reads of one family, newest first. */
    public List<Read> readsOf(String trajectoryId) {
        return jdbc.sql("SELECT read_at, reader, purpose FROM read_audit WHERE trajectory_id = ? ORDER BY id DESC")
                .param(trajectoryId)
                .query((row, i) -> new Read(row.getTimestamp("read_at").toInstant(), row.getString("reader"),
                        row.getString("purpose")))
                .list();
    }
}
