package nl.gezinscoaching.query.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration V111 of the query service: the read audit's chain is keyed from here on. The entries already
 * in the table were hashed with plain SHA-256; they stay as they are and are verified as before, as
 * unkeyed entries. Which entries those are is recorded once, signed with the chain key, in
 * {@code read_audit_boundary}: the last unkeyed entry's id and hash (0 and the genesis hash on a new
 * database). Without the key nobody can move the boundary, so no keyed entry can be recomputed as an
 * unkeyed one, and the unkeyed part cannot be changed without breaking the link of the first keyed
 * entry or the boundary's hash. A Spring bean, so that Flyway runs it with the service's chain key.
 */
@Component
class KeyedReadAuditMigration implements JavaMigration {

    private final AuditChain chain;

    KeyedReadAuditMigration(AuditChain chain) {
        this.chain = chain;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("111");
    }

    @Override
    public String getDescription() {
        return "keyed read audit";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE read_audit_boundary (
                        last_unkeyed_id   BIGINT   NOT NULL,
                        last_unkeyed_hash CHAR(64) NOT NULL,
                        signature         CHAR(64) NOT NULL
                    )""");
        }
        long lastId = 0;
        String lastHash = AuditChain.GENESIS;
        try (Statement statement = connection.createStatement();
             ResultSet newest = statement.executeQuery("SELECT id, hash FROM read_audit ORDER BY id DESC LIMIT 1")) {
            if (newest.next()) {
                lastId = newest.getLong(1);
                lastHash = newest.getString(2);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO read_audit_boundary (last_unkeyed_id, last_unkeyed_hash, signature) VALUES (?, ?, ?)")) {
            insert.setLong(1, lastId);
            insert.setString(2, lastHash);
            insert.setString(3, chain.signBoundary(lastId, lastHash));
            insert.executeUpdate();
        }
    }
}
