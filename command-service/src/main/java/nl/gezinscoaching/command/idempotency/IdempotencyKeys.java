package nl.gezinscoaching.command.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The stored first answers, per user and key (table {@code idempotency_key}, migration V121). A key counts for
 * {@code command.idempotency.expiry} (default 24 hours) after its first answer; after that it is as new, and
 * {@link #purgeExpired()} deletes it (every {@code command.idempotency.purge-interval}, default an hour; each
 * instance purges, which is harmless).
 */
@Repository
class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    record Stored(String requestHash, int status, String contentType, String body) {
    }

    private final JdbcTemplate jdbc;
    private final Duration expiry;

    IdempotencyKeys(JdbcTemplate jdbc, @Value("${command.idempotency.expiry:PT24H}") Duration expiry) {
        this.jdbc = jdbc;
        this.expiry = expiry;
    }

    Duration expiry() {
        return expiry;
    }

    Optional<Stored> find(String username, String key) {
        List<Stored> rows = jdbc.query("""
                        SELECT request_hash, status, content_type, body FROM idempotency_key
                        WHERE username = ? AND idempotency_key = ? AND recorded_at > now() - ?::interval""",
                (row, n) -> new Stored(row.getString(1), row.getInt(2), row.getString(3), row.getString(4)),
                username, key, interval());
        return rows.stream().findFirst();
    }

    /**
     * Stores the first answer; an expired row of the same key (not purged yet) is replaced.
     *
     * @throws DuplicateKeyException when a concurrent request with the key came first
     */
    void store(String username, String key, Stored answer) {
        int stored = jdbc.update("""
                        INSERT INTO idempotency_key (username, idempotency_key, request_hash, status, content_type, body)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (username, idempotency_key) DO UPDATE
                            SET request_hash = excluded.request_hash, status = excluded.status,
                                content_type = excluded.content_type, body = excluded.body, recorded_at = now()
                            WHERE idempotency_key.recorded_at <= now() - ?::interval""",
                username, key, answer.requestHash(), answer.status(), answer.contentType(), answer.body(), interval());
        if (stored == 0) {
            throw new DuplicateKeyException("A request with this Idempotency-Key came first");
        }
    }

    /** Deletes the keys past their expiry; returns how many. */
    @Scheduled(fixedDelayString = "${command.idempotency.purge-interval:PT1H}",
            initialDelayString = "${command.idempotency.purge-interval:PT1H}")
    int purgeExpired() {
        int purged = jdbc.update("DELETE FROM idempotency_key WHERE recorded_at <= now() - ?::interval", interval());
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
        return purged;
    }

    private String interval() {
        return expiry.toMillis() + " milliseconds";
    }
}
