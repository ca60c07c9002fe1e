package nl.gezinscoaching.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;

/**
 * A fresh embedded PostgreSQL per benchmark, started exactly as the services start it
 * ({@link EmbeddedDatabase#start}: synchronous commits and fsync on, so a commit waits for the disk as on
 * a production server), with the arguments that point a service at it.
 */
final class BenchDatabase implements AutoCloseable {

    final EmbeddedPostgres postgres;
    final String url;

    BenchDatabase() {
        this(null);
    }

    /** @param dataDirectory where the database keeps its files between runs; {@code null} for a throw-away one */
    BenchDatabase(Path dataDirectory) {
        this.postgres = EmbeddedDatabase.start(dataDirectory, 0);
        this.url = EmbeddedDatabase.jdbcUrl(postgres);
    }

    String[] serviceArguments(String... more) {
        String[] base = {"--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off",
                // the services run with the repository's development secrets and demo users here
                "--spring.profiles.active=local"};
        // -Dbench.serviceArgs="--a=b --c=d" passes settings to the services under test, for experiments
        String extra = System.getProperty("bench.serviceArgs", "").strip();
        String[] extras = extra.isEmpty() ? new String[0] : extra.split("\\s+");
        String[] all = new String[base.length + more.length + extras.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        System.arraycopy(extras, 0, all, base.length + more.length, extras.length);
        return all;
    }

    /** The arguments of {@link #serviceArguments}, without the connection details. */
    List<String> serviceArgumentsForDisplay(String... more) {
        return Arrays.stream(serviceArguments(more))
                .filter(argument -> !argument.matches("--spring\\.datasource\\.(url|username|password)=.*"))
                .toList();
    }

    /** Whether the server flushes commits to disk. */
    static boolean fsync(DataSource dataSource) throws SQLException {
        return "on".equals(setting(dataSource, "fsync"));
    }

    /**
     * The server's version and durability settings, read from the server itself; refuses to go on without
     * synchronous commits and warns when fsync is off.
     */
    static String describe(DataSource dataSource) throws SQLException {
        if (!"on".equals(setting(dataSource, "synchronous_commit"))) {
            throw new IllegalStateException("synchronous_commit must be on for these figures");
        }
        String description = "PostgreSQL %s embedded: synchronous_commit=on, fsync=%s, wal_sync_method=%s, full_page_writes=%s,"
                .formatted(setting(dataSource, "server_version"), setting(dataSource, "fsync"),
                        setting(dataSource, "wal_sync_method"), setting(dataSource, "full_page_writes"))
                + " shared_buffers=%s".formatted(setting(dataSource, "shared_buffers"));
        if (!fsync(dataSource)) {
            description += "\nWARNING: fsync is off: commits are not flushed to disk and cost less than on a production"
                    + " server";
        }
        return description;
    }

    private static String setting(DataSource dataSource, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('" + name + "')")) {
            row.next();
            return row.getString(1);
        }
    }

    HikariDataSource pool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(size);
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        return pool;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
