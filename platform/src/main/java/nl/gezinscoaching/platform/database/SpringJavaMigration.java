package nl.gezinscoaching.platform.database;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway Java migration that is a Spring bean (Boot hands such beans to Flyway), so that it can use the
 * service's keys; its version and description are given, not derived from a class name. It runs in Flyway's
 * transaction and has no checksum: the code is the migration.
 */
public abstract class SpringJavaMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    protected SpringJavaMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
