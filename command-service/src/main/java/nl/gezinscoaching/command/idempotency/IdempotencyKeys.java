package nl.gezinscoaching.command.idempotency;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The stored first answers, per user and key (table {@code idempotency_key}, migration V121). */
@Repository
class IdempotencyKeys {

    record Stored(String requestHash, int status, String contentType, String body) {
    }

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String username, String key) {
        List<Stored> rows = jdbc.query("""
                        SELECT request_hash, status, content_type, body FROM idempotency_key
                        WHERE username = ? AND idempotency_key = ?""",
                (row, n) -> new Stored(row.getString(1), row.getInt(2), row.getString(3), row.getString(4)),
                username, key);
        return rows.stream().findFirst();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when a concurrent request with the key came first */
    void store(String username, String key, Stored answer) {
        jdbc.update("""
                        INSERT INTO idempotency_key (username, idempotency_key, request_hash, status, content_type, body)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                username, key, answer.requestHash(), answer.status(), answer.contentType(), answer.body());
    }
}
