package nl.gezinscoaching.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;

/** A fresh embedded PostgreSQL per benchmark, with the arguments that point a service at it. */
final class BenchDatabase implements AutoCloseable {

    final EmbeddedPostgres postgres = EmbeddedDatabase.start(null, 0);
    final String url = EmbeddedDatabase.jdbcUrl(postgres);

    String[] serviceArguments(String... more) {
        String[] base = {"--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"};
        // -Dbench.serviceArgs="--a=b --c=d" passes settings to the services under test, for experiments
        String extra = System.getProperty("bench.serviceArgs", "").strip();
        String[] extras = extra.isEmpty() ? new String[0] : extra.split("\\s+");
        String[] all = new String[base.length + more.length + extras.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        System.arraycopy(extras, 0, all, base.length + more.length, extras.length);
        return all;
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
