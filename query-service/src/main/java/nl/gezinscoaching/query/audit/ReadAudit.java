package nl.gezinscoaching.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.sql.DataSource;
import nl.gezinscoaching.platform.security.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records reads of a family's personal data in a hash chain: every entry's hash covers its own fields and
 * the previous entry's hash, so changing, inserting or removing an entry in the middle breaks the chain
 * from there on. Appends take a PostgreSQL advisory lock, so concurrent reads chain one after another.
 */
@Component
public class ReadAudit {

    static final String GENESIS = "0".repeat(64);
    private static final long APPEND_LOCK = 7346202;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Clock clock;

    ReadAudit(JdbcClient jdbc, DataSource dataSource, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = new JdbcTemplate(dataSource);
        this.jdbcTemplate.setFetchSize(1000); // verification streams the chain through a cursor
        this.clock = clock;
    }

    public record Read(Instant readAt, String reader, String purpose) {
    }

    public record Verification(boolean intact, long entries, Long firstBrokenEntryId, Instant checkedAt) {
    }

    /** Records that the signed-in user read this family's data; a read that cannot be recorded fails. */
    @Transactional
    public void record(String trajectoryId, String purpose) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(APPEND_LOCK).query(Object.class).single();
        String previous = jdbc.sql("SELECT hash FROM read_audit ORDER BY id DESC LIMIT 1")
                .query(String.class).optional().orElse(GENESIS);
        long id = jdbc.sql("SELECT nextval('read_audit_id_seq')").query(Long.class).single();
        Instant readAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String reader = CurrentUser.name();
        jdbc.sql("""
                INSERT INTO read_audit (id, read_at, reader, trajectory_id, purpose, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(readAt), reader, trajectoryId, purpose, previous,
                        hash(previous, id, readAt, reader, trajectoryId, purpose))
                .update();
    }

    /** Walks the whole chain in order (streamed, not loaded at once) and reports the first broken entry. */
    @Transactional(readOnly = true)
    public Verification verify() {
        Instant checkedAt = clock.instant();
        long[] entries = {0};
        String[] expectedPrevious = {GENESIS};
        Long[] firstBroken = {null};
        jdbcTemplate.query("""
                SELECT id, read_at, reader, trajectory_id, purpose, previous_hash, hash FROM read_audit ORDER BY id""",
                (RowCallbackHandler) row -> {
                    entries[0]++;
                    if (firstBroken[0] != null) {
                        return;
                    }
                    long id = row.getLong("id");
                    String recomputed = hash(row.getString("previous_hash"), id, row.getTimestamp("read_at").toInstant(),
                            row.getString("reader"), row.getString("trajectory_id"), row.getString("purpose"));
                    if (!row.getString("previous_hash").equals(expectedPrevious[0])
                            || !row.getString("hash").equals(recomputed)) {
                        firstBroken[0] = id;
                    }
                    expectedPrevious[0] = row.getString("hash");
                });
        return new Verification(firstBroken[0] == null, entries[0], firstBroken[0], checkedAt);
    }

    static String hash(String previous, long id, Instant readAt, String reader, String trajectoryId, String purpose) {
        String canonical = String.join("\n", previous, Long.toString(id), readAt.truncatedTo(ChronoUnit.MICROS).toString(),
                reader, trajectoryId, purpose);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
