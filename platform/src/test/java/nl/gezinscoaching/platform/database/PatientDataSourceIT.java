package nl.gezinscoaching.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import nl.gezinscoaching.platform.database.PatientDataSource.PoolBusyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pool of one connection with a 300 ms connection timeout on a real PostgreSQL: a wait for a connection that is in
 * use is waited out while the database answers; a wait longer than the patience is {@link PoolBusyException}; a
 * database that is down is the pool's own timeout (an outage), within the connection timeout's reach.
 */
class PatientDataSourceIT {

    private EmbeddedPostgres postgres;
    private PatientDataSource dataSource;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("patient-pool"), 0);
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(EmbeddedDatabase.jdbcUrl(postgres));
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(1);
        pool.setConnectionTimeout(300);
        pool.setValidationTimeout(250);
        pool.addDataSourceProperty("connectTimeout", "1");
        dataSource = new PatientDataSource(pool, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        dataSource.close();
        postgres.close();
    }

    @Test
    void aConnectionInUseForLongerThanThePoolsTimeoutIsWaitedFor() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> hold(held, 1_000), threads);
        held.await(10, TimeUnit.SECONDS);

        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        holder.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aConnectionInUseForLongerThanThePatienceIsBusyNotAnOutage() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> hold(held, 3_500), threads);
        held.await(10, TimeUnit.SECONDS);

        Throwable failure = catchThrowable(dataSource::getConnection);

        assertThat(failure).isInstanceOf(PoolBusyException.class);
        assertThat(PoolBusyException.in(new IllegalStateException(failure))).isTrue();
        holder.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDatabaseThatIsDownIsThePoolsTimeoutWithinSeconds() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        postgres.close();
        // the pooled connection breaks on its next use and leaves the pool
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("SELECT 1");
        } catch (Exception broken) {
            // expected: the server is gone
        }

        long start = System.nanoTime();
        Throwable failure = catchThrowable(dataSource::getConnection);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isInstanceOf(SQLTransientConnectionException.class).isNotInstanceOf(PoolBusyException.class);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    private void hold(CountDownLatch held, long millis) {
        try (Connection connection = dataSource.getConnection()) {
            held.countDown();
            connection.createStatement().execute("SELECT pg_sleep(" + millis / 1000.0 + ")");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
