package nl.gezinscoaching.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool as the services use it: a wait for a connection while every connection is in use is overload, not an
 * outage. Hikari gives up on a connection after its {@code connection-timeout} (2 s, so that an outage is answered
 * within 5 s) and does not say why. This tells the two apart:
 * <ul>
 *   <li>the pool could not connect to the database (its timeout carries the last connection failure): the database
 *       is unavailable, the timeout is thrown as it is;</li>
 *   <li>every connection was in use and others got theirs meanwhile, or the database answers a probe on a
 *       connection of its own: the pool is busy, and the caller waits again, up to {@code patience} in all; past
 *       that it gets a {@link PoolBusyException} (answered 503 {@code overloaded} with {@code Retry-After});</li>
 *   <li>every connection was in use, nobody got one during the whole wait and the database does not answer a probe
 *       (frozen, unreachable): the timeout is thrown as it is, so an outage is still answered within 5 s.</li>
 * </ul>
 * One probe runs at a time and its answer is shared for a second, so a burst does not open a connection per waiter.
 */
public final class PatientDataSource extends DelegatingDataSource implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(PatientDataSource.class);
    private static final long PROBE_VALID_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final HikariDataSource pool;
    private final long patienceNanos;
    private final AtomicLong handedOut = new AtomicLong();
    private final ReentrantLock probing = new ReentrantLock();
    private volatile long probedAt;
    private volatile boolean probeAnswered;

    public PatientDataSource(HikariDataSource pool, Duration patience) {
        super(pool);
        this.pool = pool;
        this.patienceNanos = patience.toNanos();
    }

    /** The pool behind this (its metrics and settings). */
    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        while (true) {
            long before = handedOut.get();
            try {
                Connection connection = pool.getConnection();
                handedOut.incrementAndGet();
                return connection;
            } catch (SQLTransientConnectionException timeout) {
                if (timeout.getCause() != null || pool.isClosed()) {
                    throw timeout;
                }
                boolean othersServed = handedOut.get() != before;
                if (!othersServed && !databaseAnswers()) {
                    throw timeout;
                }
                if (System.nanoTime() - start >= patienceNanos) {
                    throw new PoolBusyException(Duration.ofNanos(System.nanoTime() - start), timeout);
                }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("Connections come from the pool's own credentials");
    }

    /** Whether the database answers on a connection outside the pool (shared for a second). */
    private boolean databaseAnswers() {
        if (System.nanoTime() - probedAt < PROBE_VALID_NANOS) {
            return probeAnswered;
        }
        probing.lock();
        try {
            if (System.nanoTime() - probedAt >= PROBE_VALID_NANOS) {
                probeAnswered = probe();
                probedAt = System.nanoTime();
            }
            return probeAnswered;
        } finally {
            probing.unlock();
        }
    }

    private boolean probe() {
        try (Connection connection = openDedicated("pool-probe", PROBE_TIMEOUT_SECONDS);
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            // SQLSTATE 53300: too many connections; the database answers, the pool is simply full
            boolean answers = "53300".equals(e.getSQLState());
            log.warn("Pool probe: the database {} ({})", answers ? "answers but has no connection to spare"
                    : "does not answer", e.getSQLState());
            return answers;
        }
    }

    /**
     * A connection of its own, outside the pool, with the pool's URL, credentials and driver settings (for a
     * listener that holds it for good, or a probe); the caller closes it.
     */
    public Connection openDedicated(String applicationName) throws SQLException {
        return openDedicated(applicationName, 0);
    }

    private Connection openDedicated(String applicationName, int timeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        properties.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        if (timeoutSeconds > 0) {
            properties.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
            properties.setProperty("socketTimeout", String.valueOf(timeoutSeconds));
        } else {
            // a listener waits for notifications for as long as there are none
            properties.setProperty("socketTimeout", "0");
            properties.setProperty("tcpKeepAlive", "true");
        }
        properties.setProperty("ApplicationName", DatabaseBackup.APPLICATION_PREFIX + applicationName);
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Every connection of the pool stayed in use for the whole patience while the database answers: the service is
     * overloaded, nothing was recorded, trying again shortly will work.
     */
    public static final class PoolBusyException extends SQLTransientException {

        PoolBusyException(Duration waited, SQLException lastTimeout) {
            super("Every pooled connection was in use for " + waited.toMillis() + " ms", lastTimeout);
        }

        /** Whether a failure is, or was caused by, a busy pool. */
        public static boolean in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof PoolBusyException) {
                    return true;
                }
            }
            return false;
        }
    }
}
