package nl.gezinscoaching.platform.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import nl.gezinscoaching.platform.database.PatientDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells the services' instances at once when something they poll for has changed, by PostgreSQL's LISTEN/NOTIFY,
 * so they need not wait for their next poll: new events in the store ({@link #EVENTS_APPENDED}, sent after a
 * command's commit) and read models that moved ({@link #READ_MODELS_MOVED}, sent after a projection's commit).
 * <p>
 * A signal is sent after the commit, on a connection of its own, never inside the transaction: a NOTIFY in the
 * transaction would serialise every commit on PostgreSQL's notification queue lock. Signals are coalesced: while one
 * is being sent, and for 2 ms after, any number of further commits make one more; the sender's connection commits
 * without waiting for the disk. A signal is also delivered in this process at once,
 * so an instance does not wait for the database's echo of its own commit.
 * <p>
 * Polling stays: a signal only shortens the wait. When the listening connection is lost (database restart), the
 * listener reconnects every second; meanwhile the services poll as before ({@link #listening()} says which).
 * Nothing personal is ever sent: the channel names only.
 */
public final class ChangeSignals implements SmartLifecycle {

    public static final String EVENTS_APPENDED = "gc_events_appended";
    public static final String READ_MODELS_MOVED = "gc_read_models_moved";

    private static final Logger log = LoggerFactory.getLogger(ChangeSignals.class);
    private static final Duration RECONNECT = Duration.ofSeconds(1);
    private static final int POLL_MILLIS = 500;
    private static final long MIN_INTERVAL_NANOS = Duration.ofMillis(2).toNanos();

    private final PatientDataSource dataSource;
    private final Map<String, List<Runnable>> receivers = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean listening;
    private Thread sender;
    private Thread listener;

    private final boolean listen;

    /**
     * @param listen whether to receive the other processes' signals (a service without a processor that reads the
     *               store, like the command service, only sends)
     */
    public ChangeSignals(PatientDataSource dataSource, boolean listen) {
        this.dataSource = dataSource;
        this.listen = listen;
    }

    /** Runs {@code receiver} whenever {@code channel} is signalled, by this process or another (on a signal thread). */
    public void onSignal(String channel, Runnable receiver) {
        receivers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(receiver);
    }

    /** Signals {@code channel}: delivered here at once, to the other instances after the send. Never blocks. */
    public void signal(String channel) {
        deliver(channel);
        signalOthers(channel);
    }

    /** Signals {@code channel} to the other instances only (this one knows already). Never blocks. */
    public void signalOthers(String channel) {
        pending.add(channel);
        lock.lock();
        try {
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether signals from other instances are being received now. */
    public boolean listening() {
        return listening;
    }

    private void deliver(String channel) {
        for (Runnable receiver : receivers.getOrDefault(channel, List.of())) {
            try {
                receiver.run();
            } catch (RuntimeException e) {
                log.warn("A change signal's receiver failed ({})", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            sender = daemon("change-signal-sender", this::send);
            if (listen) {
                listener = daemon("change-signal-listener", this::listen);
            }
        }
    }

    @Override
    public void stop() {
        running.set(false);
        lock.lock();
        try {
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread thread : new Thread[] {sender, listener}) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public int getPhase() {
        // before the event processors start, after they stop
        return Integer.MIN_VALUE + 1000;
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The sender: one NOTIFY per channel for all commits signalled since the last send. */
    private void send() {
        Connection connection = null;
        long lastSent = System.nanoTime() - MIN_INTERVAL_NANOS;
        while (running.get()) {
            try {
                awaitPending();
                if (!running.get()) {
                    break;
                }
                if (connection == null || connection.isClosed()) {
                    connection = dataSource.openDedicated("change-signals");
                    connection.setAutoCommit(true);
                    try (Statement statement = connection.createStatement()) {
                        // a signal needs no disk flush: it is worthless after a crash anyway
                        statement.execute("SET synchronous_commit TO off");
                    }
                }
                // signals closer together than this are one: a busy service sends a few hundred a second at most
                long wait = lastSent + MIN_INTERVAL_NANOS - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                try (Statement statement = connection.createStatement()) {
                    for (String channel : List.copyOf(pending)) {
                        pending.remove(channel);
                        statement.execute("NOTIFY " + channel);
                    }
                }
                lastSent = System.nanoTime();
            } catch (SQLException e) {
                close(connection);
                connection = null;
                pause();
            } catch (InterruptedException e) {
                break;
            }
        }
        close(connection);
    }

    private void awaitPending() throws InterruptedException {
        lock.lock();
        try {
            while (pending.isEmpty() && running.get()) {
                signalled.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The listener: delivers the other instances' signals (and this one's echo, which is harmless). */
    private void listen() {
        while (running.get()) {
            try (Connection connection = dataSource.openDedicated("change-listener")) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EVENTS_APPENDED);
                    statement.execute("LISTEN " + READ_MODELS_MOVED);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                listening = true;
                // whatever changed while nobody listened
                receivers.keySet().forEach(this::deliver);
                while (running.get()) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        Set<String> channels = new HashSet<>();
                        for (PGNotification notification : notifications) {
                            channels.add(notification.getName());
                        }
                        channels.forEach(this::deliver);
                    }
                }
            } catch (SQLException e) {
                if (listening) {
                    log.warn("Change signals: the listening connection was lost ({}); polling until it is back",
                            e.getSQLState());
                }
                listening = false;
                pause();
            }
        }
        listening = false;
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone already
            }
        }
    }
}
