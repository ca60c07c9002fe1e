package nl.gezinscoaching.platform.erasure;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import nl.gezinscoaching.events.privacy.PersonalDataErased;
import nl.gezinscoaching.platform.erasure.ErasureRegister.Head;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The erasure register's head as the database keeps it (table {@code erasure_register_anchor}, one row), and the
 * families whose erasure the event store holds: what {@link ErasureRegister#verify} checks the register against.
 */
public final class DatabaseAnchor {

    private final JdbcClient jdbc;

    public DatabaseAnchor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Head> read() {
        return jdbc.sql("SELECT entries, last_mac FROM erasure_register_anchor WHERE id = 1")
                .query((row, i) -> new Head(row.getInt(1), row.getString(2)))
                .optional();
    }

    /** Moves the anchor on to the register's head (never back), in the caller's transaction. */
    public void moveOn(Head head) {
        jdbc.sql("""
                        INSERT INTO erasure_register_anchor (id, entries, last_mac) VALUES (1, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET entries = excluded.entries, last_mac = excluded.last_mac,
                            updated_at = now()
                        WHERE erasure_register_anchor.entries < excluded.entries""")
                .params(head.entries(), head.lastMac())
                .update();
    }

    /** The trajectories with a {@link PersonalDataErased} in the event store (a partial index finds them). */
    Set<String> erasedInEventStore() {
        // the type as a literal (a constant), so that the planner matches the partial index's predicate
        return new HashSet<>(jdbc.sql("SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE payload_type = '"
                        + PersonalDataErased.class.getName() + "'")
                .query(String.class)
                .list());
    }
}
