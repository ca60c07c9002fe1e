package nl.gezinscoaching.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import nl.gezinscoaching.platform.database.PatientDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances' {@link ChangeSignals} on one real PostgreSQL: a signal is delivered in its own process at once and
 * to the other through LISTEN/NOTIFY; many signals in a row are coalesced; after the database restarts the listener
 * is back by itself.
 */
class ChangeSignalsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private EmbeddedPostgres postgres;
    private PatientDataSource poolA;
    private PatientDataSource poolB;
    private ChangeSignals a;
    private ChangeSignals b;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("change-signals"), 0);
        poolA = pool();
        poolB = pool();
        a = new ChangeSignals(poolA, true);
        b = new ChangeSignals(poolB, true);
        a.start();
        b.start();
    }

    @AfterEach
    void stop() throws Exception {
        a.stop();
        b.stop();
        poolA.close();
        poolB.close();
        postgres.close();
    }

    @Test
    void aSignalReachesItsOwnProcessAtOnceAndTheOtherThroughTheDatabase() {
        AtomicInteger hereA = new AtomicInteger();
        AtomicInteger thereB = new AtomicInteger();
        a.onSignal(ChangeSignals.EVENTS_APPENDED, hereA::incrementAndGet);
        b.onSignal(ChangeSignals.EVENTS_APPENDED, thereB::incrementAndGet);
        awaitUntil(() -> a.listening() && b.listening());
        int before = thereB.get();

        a.signal(ChangeSignals.EVENTS_APPENDED);

        assertThat(hereA.get()).as("delivered in its own process before signal returns").isPositive();
        awaitUntil(() -> thereB.get() > before);
    }

    @Test
    void aBurstOfSignalsIsCoalescedIntoFewNotifications() {
        AtomicInteger thereB = new AtomicInteger();
        b.onSignal(ChangeSignals.READ_MODELS_MOVED, thereB::incrementAndGet);
        awaitUntil(() -> a.listening() && b.listening());
        int before = thereB.get();

        for (int i = 0; i < 1_000; i++) {
            a.signal(ChangeSignals.READ_MODELS_MOVED);
        }

        awaitUntil(() -> thereB.get() > before);
        assertThat(thereB.get() - before).as("notifications received for 1,000 signals").isLessThan(1_000);
    }

    @Test
    void theListenerComesBackAfterTheDatabaseRestarts() throws Exception {
        AtomicInteger thereB = new AtomicInteger();
        b.onSignal(ChangeSignals.EVENTS_APPENDED, thereB::incrementAndGet);
        awaitUntil(b::listening);
        int port = postgres.getPort();
        // stop the server under the listener; a server answers on the same port again
        postgres.close();
        awaitUntil(() -> !b.listening());
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("change-signals-again"), port);
        awaitUntil(b::listening);
        int before = thereB.get();

        a.signal(ChangeSignals.EVENTS_APPENDED);

        awaitUntil(() -> thereB.get() > before);
    }

    private PatientDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(EmbeddedDatabase.jdbcUrl(postgres));
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(2);
        pool.addDataSourceProperty("connectTimeout", "1");
        return new PatientDataSource(pool, Duration.ofSeconds(2));
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within " + DEADLINE).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
