package nl.gezinscoaching.query.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import nl.gezinscoaching.platform.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records reads of a family's personal data. A read inserts its entry, durably, in its own transaction,
 * and waits for nothing else: no lock, no read of the chain. The entry joins the keyed hash chain
 * ({@link AuditChain}) shortly after it commits, when the chainer ({@link ReadAuditChainer}) gives it
 * its position; until then the verification reports it as pending.
 */
@Component
public class ReadAudit {

    private final JdbcClient jdbc;
    private final Clock clock;

    ReadAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Read(Instant readAt, String reader, String purpose) {
    }

    /** Records that the signed-in user read these families' data, with one insert; fails as {@link #record} does. */
    @Transactional
    public void recordAll(Collection<String> trajectoryIds, String purpose) {
        if (trajectoryIds.isEmpty()) {
            return;
        }
        jdbc.sql("INSERT INTO read_audit (read_at, reader, trajectory_id, purpose) SELECT ?, ?, t, ? FROM unnest(?) AS t")
                .params(Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)), CurrentUser.name(), purpose,
                        trajectoryIds.toArray(String[]::new))
                .update();
    }

    /** Records that the signed-in user read this family's data; a read that cannot be recorded fails. */
    @Transactional
    public void record(String trajectoryId, String purpose) {
        recordAll(List.of(trajectoryId), purpose);
    }
}
