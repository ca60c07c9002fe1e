package nl.gezinscoaching.platform.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.gezinscoaching.platform.requests.ProblemWriter;
import nl.gezinscoaching.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Notices a restore of the database ({@code platform_restore}, written by {@link DatabaseBackup#restore}) made after
 * this instance started, and from then on answers every request but the health check with 503
 * {@code restart-required}, and its health DOWN, until it is restarted: an instance that keeps running after a restore
 * serves from caches and data keys of the database as it was before, and does not apply the erasure register again
 * (which only a start does). Checked every {@code platform.restore-watch.interval} (2 s).
 */
public final class RestoreWatch extends OncePerRequestFilter implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestoreWatch.class);
    private final ProblemWriter problems = new ProblemWriter();

    private final JdbcClient jdbc;
    private final Timestamp atStart;
    private final ScheduledExecutorService checks;
    private volatile boolean restored;

    RestoreWatch(JdbcClient jdbc, long intervalMillis) {
        this.jdbc = jdbc;
        this.atStart = newestRestore();
        this.checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "restore-watch");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private Timestamp newestRestore() {
        return jdbc.sql("SELECT coalesce(max(restored_at), 'epoch'::timestamptz) FROM platform_restore")
                .query(Timestamp.class).single();
    }

    void check() {
        if (restored) {
            return;
        }
        try {
            Timestamp newest = newestRestore();
            if (newest.after(atStart)) {
                restored = true;
                log.error("The database was restored after this instance started: it answers 503 restart-required "
                        + "until it is restarted (docs/operations.md)");
            }
        } catch (RuntimeException e) {
            // the database is unreachable: the requests say so themselves; look again at the next check
            log.debug("Restore watch: no answer from the database ({})", e.getClass().getSimpleName());
        }
    }

    boolean restored() {
        return restored;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!restored || request.getRequestURI().startsWith("/actuator/health")) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "restart-required", "Restart required",
                "The database was restored after this instance started; it serves nothing until it is restarted. "
                        + "De database is teruggezet nadat deze instantie startte; start haar opnieuw.");
        problem.setProperty("rule", "restart-after-restore");
        problems.write(response, problem);
    }

    @Override
    public Health health() {
        return restored ? Health.down().withDetail("reason", "database restored after this instance started")
                .build() : Health.up().build();
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
