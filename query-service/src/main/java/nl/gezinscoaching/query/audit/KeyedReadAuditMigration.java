package nl.gezinscoaching.query.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import nl.gezinscoaching.platform.database.SpringJavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration V111 of the query service: the read audit's chain is keyed from here on, and built by the
 * chainer ({@link ReadAuditChainer}) instead of the reads: an entry gets its chain position, previous hash
 * and hash after it was committed. The entries already in the table were chained in id order and hashed
 * with plain SHA-256; they get positions in that order, stay as they are and are verified as before, as
 * unkeyed entries. Which entries those are is recorded once, signed with the chain key, in
 * {@code read_audit_boundary}: the last unkeyed entry's position and hash (0 and the genesis hash on a
 * new database). Without the key nobody can move the boundary, so no keyed entry can be recomputed as an
 * unkeyed one, and the unkeyed part cannot be changed without breaking the link of the first keyed
 * entry or the boundary's hash. A Spring bean, so that Flyway runs it with the service's chain key.
 */
@Component
class KeyedReadAuditMigration extends SpringJavaMigration {

    private final AuditChain chain;

    KeyedReadAuditMigration(AuditChain chain) {
        super("111", "keyed read audit");
        this.chain = chain;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            // entries are written by the reads without chain fields; the chainer fills them in afterwards
            statement.execute("""
                    ALTER TABLE read_audit
                        ALTER COLUMN previous_hash DROP NOT NULL,
                        ALTER COLUMN hash DROP NOT NULL,
                        ADD COLUMN chain_position BIGINT""");
            // the entries so far were chained in id order, under a lock
            statement.execute("""
                    UPDATE read_audit r SET chain_position = o.position
                    FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM read_audit) o
                    WHERE r.id = o.id""");
            statement.execute("""
                    ALTER TABLE read_audit ADD CONSTRAINT read_audit_chained
                        CHECK ((chain_position IS NULL) = (hash IS NULL) AND (hash IS NULL) = (previous_hash IS NULL))""");
            statement.execute("CREATE UNIQUE INDEX read_audit_chain ON read_audit (chain_position)");
            statement.execute("CREATE INDEX read_audit_unchained ON read_audit (id) WHERE chain_position IS NULL");
            statement.execute("""
                    CREATE TABLE read_audit_boundary (
                        last_unkeyed_position BIGINT   NOT NULL,
                        last_unkeyed_hash     CHAR(64) NOT NULL,
                        signature             CHAR(64) NOT NULL
                    )""");
        }
        long lastPosition = 0;
        String lastHash = AuditChain.GENESIS;
        try (Statement statement = connection.createStatement();
             ResultSet newest = statement.executeQuery(
                     "SELECT chain_position, hash FROM read_audit ORDER BY chain_position DESC LIMIT 1")) {
            if (newest.next()) {
                lastPosition = newest.getLong(1);
                lastHash = newest.getString(2);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_audit_boundary (last_unkeyed_position, last_unkeyed_hash, signature)
                VALUES (?, ?, ?)""")) {
            insert.setLong(1, lastPosition);
            insert.setString(2, lastHash);
            insert.setString(3, chain.signBoundary(lastPosition, lastHash));
            insert.executeUpdate();
        }
    }
}
