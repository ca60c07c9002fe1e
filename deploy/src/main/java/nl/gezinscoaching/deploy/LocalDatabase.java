package nl.gezinscoaching.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import nl.gezinscoaching.platform.database.DatabaseBackup;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;

/**
 * Runs the embedded PostgreSQL that both services share in the local run, keeping its data between runs.
 * Usage: {@code java -jar local-database.jar [dataDirectory] [port]}; stops on SIGTERM or Ctrl-C.
 */
public final class LocalDatabase {

    private LocalDatabase() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            DatabaseBackup.main(args); // deploy/backup.sh, deploy/restore.sh
            return;
        }
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : ".local/pgdata").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 54329;
        EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDirectory, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "local-database-stop"));
        System.out.println("PostgreSQL ready: " + EmbeddedDatabase.jdbcUrl(postgres) + " (data in " + dataDirectory + ")");
        stopped.await();
    }
}
