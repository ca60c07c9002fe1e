package nl.gezinscoaching.query.replay;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This instance among the other query-service instances on the database, once every
 * {@code query.instances.heartbeat-interval} (1 s):
 * <ol>
 *   <li>it says it is alive ({@code query_instance.seen_at}); an instance not seen for the token claim timeout is
 *       gone;</li>
 *   <li>it does its part in the newest rebuild ({@link ReadModelRebuild#coordinate()});</li>
 *   <li>it keeps to its fair share of every processor's segments: Axon's tracking processor claims a free segment
 *       for every free thread and never gives one back by itself, so the first instance to start would hold them
 *       all. An instance holding more than {@code ceil(segments / live instances)} while a live instance holds
 *       fewer releases the surplus ({@code releaseSegment}: not claimed again here for two claim intervals), and
 *       the other claims it at its next claim interval.</li>
 * </ol>
 * A dead instance's segments are free once its claims are older than the claim timeout; the others' processors,
 * which have a thread for every segment, claim them at their next claim interval (docs/operations.md).
 */
@Component
class QueryInstances implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueryInstances.class);

    private final JdbcTemplate jdbc;
    private final ReadModelRebuild rebuild;
    private final TokenStore tokenStore;
    private final QueryNode node;
    private final Environment environment;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    /** When every processor was first seen running (0: not yet). */
    private volatile long settledSince;
    private static final Duration SETTLE = Duration.ofSeconds(3);

    QueryInstances(JdbcTemplate jdbc, ReadModelRebuild rebuild, TokenStore tokenStore, QueryNode node,
                   Environment environment, @Value("${query.instances.heartbeat-interval:1s}") Duration interval) {
        this.jdbc = jdbc;
        this.rebuild = rebuild;
        this.tokenStore = tokenStore;
        this.node = node;
        this.environment = environment;
        this.interval = interval;
    }

    /** How long an instance counts as alive after it was last seen: the token claim timeout, as an SQL interval. */
    static String liveWindow(Environment environment) {
        Duration claimTimeout = environment.getProperty("axon.eventhandling.tokenstore.claim-timeout", Duration.class,
                Duration.ofSeconds(10));
        return claimTimeout.toMillis() + " milliseconds";
    }

    void tick() {
        try {
            jdbc.update("INSERT INTO query_instance (node_id, started_at, seen_at) VALUES (?, now(), now()) "
                    + "ON CONFLICT (node_id) DO UPDATE SET seen_at = now()", node.id());
            jdbc.update("DELETE FROM query_instance WHERE seen_at < now() - interval '1 day'");
            if (!processorsSettled()) {
                return;
            }
            rebuild.coordinate();
            if (!rebuild.pausedForRebuild()) {
                balance();
            }
        } catch (RuntimeException e) {
            // the database may be away for a while: the next tick tries again (no values in the log)
            log.warn("Query instance {}: {} in the instances' coordination, tried again in {}", node.id(),
                    e.getClass().getSimpleName(), interval);
        }
    }

    /**
     * Whether Axon has started every processor and its launcher has had {@link #SETTLE} to hand out the segments.
     * Axon starts the processors after this bean; a processor stopped while its launcher is still starting workers
     * loses a thread for good ("freeing segment since segment worker will not be started"), and with a thread per
     * segment one segment is then never processed (found by fault 4: a restart during a pending rebuild). The
     * processors now have a thread more than segments, so the launcher never becomes a worker and the race cannot
     * happen (application.yml); this wait stays as a second guard for a processor whose segments were split.
     */
    private boolean processorsSettled() {
        if (settledSince == 0) {
            if (!rebuild.readModels().stream().allMatch(name -> rebuild.processor(name).isRunning())) {
                return false;
            }
            settledSince = System.nanoTime();
        }
        return System.nanoTime() - settledSince >= SETTLE.toNanos();
    }

    private void balance() {
        List<String> live = jdbc.queryForList("SELECT node_id FROM query_instance WHERE seen_at > now() - ?::interval",
                String.class, liveWindow(environment));
        if (live.size() < 2) {
            return;
        }
        for (String name : rebuild.readModels()) {
            StreamingEventProcessor processor = rebuild.processor(name);
            if (!processor.isRunning()) {
                continue;
            }
            int segments = tokenStore.fetchSegments(name).length;
            int share = (segments + live.size() - 1) / live.size();
            List<Integer> mine = processor.processingStatus().keySet().stream()
                    .sorted(Comparator.reverseOrder()).toList();
            if (mine.size() <= share) {
                continue;
            }
            Map<String, Integer> claims = new HashMap<>();
            jdbc.query("SELECT owner, count(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL "
                    + "GROUP BY owner", row -> {
                claims.put(row.getString(1), row.getInt(2));
            }, name);
            boolean anotherHasLess = live.stream().filter(id -> !id.equals(node.id()))
                    .anyMatch(id -> claims.getOrDefault(id, 0) < share);
            if (!anotherHasLess) {
                continue;
            }
            for (int segment : mine.subList(0, mine.size() - share)) {
                processor.releaseSegment(segment);
                log.info("{}: segment {} released by {} for another instance ({} of {} segments, {} instances)",
                        name, segment, node.id(), mine.size(), segments, live.size());
            }
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "query-instances");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            // gone at once for the others' fair share, rather than after the claim timeout
            jdbc.update("DELETE FROM query_instance WHERE node_id = ?", node.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Query instance {}: not removed from query_instance ({})", node.id(), e.getClass().getSimpleName());
        }
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Stopped before Axon's processors, started after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
