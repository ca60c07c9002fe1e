package nl.gezinscoaching.platform.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import nl.gezinscoaching.api.files.PrivateFiles;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A consistent backup of the platform's database, and its restore, without {@code pg_dump} (the embedded
 * PostgreSQL binaries have none, and Debian's client tools are older than the PostgreSQL 18 server): every
 * table of the public schema is copied out with {@code COPY ... TO STDOUT} through the JDBC driver's
 * {@link CopyManager}, all in one read-only repeatable-read transaction, so the backup is one snapshot of the
 * database even while the services write (events, read models and their tokens agree). Sequences are saved
 * with their values; views are not data. The schema is not in the backup: it is the services' Flyway
 * migrations, and the Flyway history tables are backed up like any other table.
 * <p>
 * The file is a zip: one entry per table ({@code table/NAME}, COPY text format, with the column list in the
 * manifest) and {@code manifest.properties}. A restore replaces every row of every table, in one transaction,
 * of a database whose schema is at exactly the backup's migrations (the same release of the services, started
 * once against it); any difference and it refuses, changing nothing. The services must be stopped during a
 * restore; at their next start they apply the erasure register (docs/operations.md).
 */
public final class DatabaseBackup {

    static final String FORMAT = "gezinscoaching-copy-1";
    /** The start of the {@code application_name} of every connection the services open. */
    public static final String APPLICATION_PREFIX = "gezinscoaching-";
    private static final String MANIFEST = "manifest.properties";
    private static final String TABLE_ENTRY = "table/";

    private DatabaseBackup() {
    }

    /** What a backup holds, or what a restore put back. */
    public record Summary(Instant takenAt, Map<String, Long> rowsPerTable) {
        public long rows() {
            return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Writes a backup of the database to {@code file}, owner-only, replaced only once it is complete (written to a
     * new file beside it first, {@link PrivateFiles}).
     */
    public static Summary backup(Connection connection, Path file) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        Path partial = PrivateFiles.newPartial(file);
        try {
            Instant takenAt;
            try (Statement statement = connection.createStatement();
                 ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
                now.next(); // the first statement fixes the snapshot
                takenAt = now.getTimestamp(1).toInstant();
            }
            Properties manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("taken-at", takenAt.toString());
            manifest.setProperty("server-version", serverVersion(connection));
            Map<String, List<String>> tables = tables(connection);
            manifest.setProperty("tables", String.join(",", tables.keySet()));
            manifest.setProperty("migrations", migrations(connection, tables.keySet()));
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> rows = new LinkedHashMap<>();
            try (OutputStream out = PrivateFiles.write(partial);
                 ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                    zip.putNextEntry(new ZipEntry(TABLE_ENTRY + table.getKey()));
                    long copied = copy.copyOut("COPY public." + quote(table.getKey()) + " (" + columns(table.getValue())
                            + ") TO STDOUT", new NonClosing(zip));
                    zip.closeEntry();
                    rows.put(table.getKey(), copied);
                    manifest.setProperty("columns." + table.getKey(), String.join(",", table.getValue()));
                    manifest.setProperty("rows." + table.getKey(), Long.toString(copied));
                }
                for (Map.Entry<String, String> sequence : sequences(connection).entrySet()) {
                    manifest.setProperty("sequence." + sequence.getKey(), sequence.getValue());
                }
                zip.putNextEntry(new ZipEntry(MANIFEST));
                manifest.store(zip, "backup of the gezinscoaching platform's database");
                zip.closeEntry();
            }
            connection.commit();
            PrivateFiles.publish(partial, file);
            return new Summary(takenAt, rows);
        } finally {
            Files.deleteIfExists(partial);
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Replaces every row of every table with the backup's, in one transaction; refuses (changing nothing)
     * when the backup's tables, columns or migrations are not exactly the database's.
     */
    public static Summary restore(Connection connection, Path file) throws SQLException, IOException {
        return restore(connection, file, false);
    }

    /**
     * {@link #restore(Connection, Path)}, refused while a service of the platform holds a connection to the database
     * (any instance, wherever it runs) unless {@code evenWhileConnected}. Either way the restore is recorded in
     * {@code platform_restore}, in its transaction: an instance that still runs sees it and stops serving.
     */
    public static Summary restore(Connection connection, Path file, boolean evenWhileConnected)
            throws SQLException, IOException {
        if (!evenWhileConnected) {
            // an instance just stopped may still be closing its connections: give them a few seconds
            long deadline = System.nanoTime() + 5_000_000_000L;
            long connected = servicesConnected(connection);
            while (connected > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                connected = servicesConnected(connection);
            }
            if (connected > 0) {
                throw new IllegalStateException(connected + " connection(s) of the platform's services are open to the "
                        + "database: stop every instance of the services (not the database) before a restore");
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            if (manifestEntry == null) {
                throw new IllegalArgumentException(file + " is not a backup of this platform (no manifest)");
            }
            Properties manifest = new Properties();
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest.load(in);
            }
            if (!FORMAT.equals(manifest.getProperty("format"))) {
                throw new IllegalArgumentException(file + " has format " + manifest.getProperty("format") + ", not " + FORMAT);
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Map<String, List<String>> tables = tables(connection);
                List<String> backedUp = List.of(manifest.getProperty("tables").split(","));
                if (!new ArrayList<>(tables.keySet()).equals(backedUp)) {
                    throw new IllegalStateException("The database's tables " + tables.keySet() + " are not the backup's "
                            + backedUp + ": restore into a database migrated by the same release (docs/operations.md)");
                }
                String migrations = migrations(connection, tables.keySet());
                if (!migrations.equals(manifest.getProperty("migrations"))) {
                    throw new IllegalStateException("The database's migrations (" + migrations + ") are not the backup's ("
                            + manifest.getProperty("migrations") + "): restore into a database migrated by the same release");
                }
                for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                    if (!String.join(",", table.getValue()).equals(manifest.getProperty("columns." + table.getKey()))) {
                        throw new IllegalStateException("Table " + table.getKey() + " has other columns than in the backup");
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL lock_timeout = '10s'");
                    statement.execute("TRUNCATE " + String.join(", ", tables.keySet().stream()
                            .map(t -> "public." + quote(t)).toList()));
                }
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                Map<String, Long> rows = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                    ZipEntry entry = zip.getEntry(TABLE_ENTRY + table.getKey());
                    try (InputStream in = zip.getInputStream(entry)) {
                        long copied = copy.copyIn("COPY public." + quote(table.getKey()) + " (" + columns(table.getValue())
                                + ") FROM STDIN", in);
                        long expected = Long.parseLong(manifest.getProperty("rows." + table.getKey()));
                        if (copied != expected) {
                            throw new IllegalStateException("Table " + table.getKey() + ": " + copied
                                    + " rows in the backup file, the manifest says " + expected);
                        }
                        rows.put(table.getKey(), copied);
                    }
                }
                for (String name : manifest.stringPropertyNames()) {
                    if (name.startsWith("sequence.")) {
                        String[] value = manifest.getProperty(name).split(":");
                        try (var set = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                            set.setString(1, "public." + quote(name.substring("sequence.".length())));
                            set.setLong(2, Long.parseLong(value[0]));
                            set.setBoolean(3, Boolean.parseBoolean(value[1]));
                            set.execute();
                        }
                    }
                }
                Instant takenAt = Instant.parse(manifest.getProperty("taken-at"));
                markRestored(connection, takenAt);
                connection.commit();
                return new Summary(takenAt, rows);
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Connections to this database whose application name is a service's. */
    static long servicesConnected(Connection connection) throws SQLException {
        try (var count = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                + "current_database() AND pid <> pg_backend_pid() AND application_name LIKE ?")) {
            count.setString(1, APPLICATION_PREFIX + "%");
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Records a restore ({@code platform_restore}), in the caller's transaction: running instances see it and stop
     * serving (docs/operations.md). Also for a database restored by other means ({@code mark-restored}).
     */
    static void markRestored(Connection connection, Instant backupTakenAt) throws SQLException {
        try (var insert = connection.prepareStatement(
                "INSERT INTO platform_restore (restored_at, backup_taken_at) VALUES (clock_timestamp(), ?)")) {
            insert.setTimestamp(1, backupTakenAt == null ? null : java.sql.Timestamp.from(backupTakenAt));
            insert.executeUpdate();
        }
    }

    /** Base tables of the public schema with their columns, in name order. */
    private static Map<String, List<String>> tables(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.table_name, c.column_name FROM information_schema.columns c
                     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                     ORDER BY c.table_name, c.ordinal_position""")) {
            while (rows.next()) {
                tables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return tables;
    }

    /** The applied migrations of every Flyway history table ({@code flyway_history*}), as one text. */
    private static String migrations(Connection connection, Iterable<String> tables) throws SQLException {
        List<String> all = new ArrayList<>();
        for (String table : tables) {
            if (!table.startsWith("flyway_")) {
                continue;
            }
            List<String> versions = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT coalesce(version, description) FROM public." + quote(table)
                         + " WHERE success ORDER BY installed_rank")) {
                while (rows.next()) {
                    versions.add(rows.getString(1));
                }
            }
            all.add(table + "=" + String.join("/", versions));
        }
        return String.join(" ", all);
    }

    /** Every sequence of the public schema: {@code last_value:is_called}. */
    private static Map<String, String> sequences(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : names) {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT last_value, is_called FROM public." + quote(name))) {
                row.next();
                values.put(name, row.getLong(1) + ":" + row.getBoolean(2));
            }
        }
        return values;
    }

    private static String serverVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SHOW server_version")) {
            row.next();
            return row.getString(1);
        }
    }

    private static String columns(List<String> columns) {
        return String.join(", ", columns.stream().map(DatabaseBackup::quote).toList());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The zip stream stays open between entries. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * {@code backup FILE} or {@code restore FILE}, on the database of {@code SPRING_DATASOURCE_URL} (default
     * the local run's, {@code jdbc:postgresql://localhost:54329/postgres}) with {@code SPRING_DATASOURCE_USERNAME}
     * and {@code SPRING_DATASOURCE_PASSWORD} (default postgres/postgres). Prints what it did; exit code 1 on refusal.
     */
    public static void main(String[] args) throws Exception {
        boolean markOnly = args.length == 1 && args[0].equals("mark-restored");
        if (!markOnly && (args.length != 2 || !List.of("backup", "restore").contains(args[0]))) {
            System.err.println("usage: backup FILE | restore FILE | mark-restored");
            System.exit(2);
        }
        String url = env("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:54329/postgres");
        try (Connection connection = DriverManager.getConnection(url, env("SPRING_DATASOURCE_USERNAME", "postgres"),
                env("SPRING_DATASOURCE_PASSWORD", "postgres"))) {
            if (markOnly) {
                // after pg_restore: tell running instances (pg_restore put back the backup's own rows of the table)
                markRestored(connection, null);
                System.out.println("Restore recorded in platform_restore");
                return;
            }
            Path file = Path.of(args[1]).toAbsolutePath();
            long start = System.nanoTime();
            Summary summary = args[0].equals("backup") ? backup(connection, file)
                    : restore(connection, file, "1".equals(System.getenv("RESTORE_SKIP_SERVICE_CHECK")));
            System.out.printf("%s %s: %d tables, %,d rows, snapshot of %s, in %.1f s%n",
                    args[0].equals("backup") ? "Backed up to" : "Restored from", file, summary.rowsPerTable().size(),
                    summary.rows(), summary.takenAt(), (System.nanoTime() - start) / 1e9);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("Refused: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
