package nl.gezinscoaching.query.replay;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every read model from the event store, carried out by every query-service instance on the database.
 * <p>
 * A rebuild is a generation row in {@code read_model_rebuild}, which every instance polls ({@link QueryInstances},
 * about once a second). An instance that sees a generation it has not carried out stops its streaming processors,
 * which releases its segment claims. Then one instance (whichever gets there first) resets every processor's tokens
 * (its reset handler empties its tables) and records {@code reset_at}, all in one transaction: Axon's reset claims
 * every segment, so it fails, and is tried again a second later, while another instance still holds a claim (a
 * killed instance's claims expire after the claim timeout). Once {@code reset_at} is set every instance starts its
 * processors again and they share the replay's segments. An instance killed at any point leaves either the old
 * tokens and tables (before the reset's commit) or replay tokens that the next owner of the segment continues.
 * While a rebuild runs, the views are incomplete.
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    /** Serialises requests for a rebuild across instances (pg_advisory_xact_lock). */
    private static final long REQUEST_LOCK = 185_013L;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final Serializer serializer;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final QueryNode node;
    private final Environment environment;

    /** The newest generation this instance has carried out (stopped for, and started again after its reset). */
    private long carriedOut = -1;
    /** The generation this instance has stopped its processors for and waits to see reset, or read by the fast path. */
    private long waitingFor = -1;
    /** The rebuild's single read ({@link BulkReplay}), null when switched off ({@code query.rebuild.single-read}). */
    private final BulkReplay singleRead;
    /** The generation whose single read runs here, or -1. */
    private long readingFor = -1;
    /** The newest generation whose single read has ended here (or could not run here): not tried again. */
    private long singleReadOver = -1;
    /** How many single reads this instance has started. */
    private long singleReads;

    ReadModelRebuild(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                     Serializer serializer, JdbcTemplate jdbc, PlatformTransactionManager transactions, QueryNode node,
                     Environment environment, EventStorageEngine storageEngine, TransactionManager axonTransactions) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.node = node;
        this.environment = environment;
        this.singleRead = environment.getProperty("query.rebuild.single-read", Boolean.class, true)
                ? new BulkReplay(storageEngine, tokenStore, axonTransactions, this.transactions, jdbc.getDataSource(),
                node, environment.getProperty("query.rebuild.batch-size", Integer.class, 5_000),
                QueryInstances.liveWindow(environment))
                : null;
    }

    /** Requests a rebuild by every instance; refused (false) while one is still running. */
    public boolean start() {
        Boolean requested = transactions.execute(status -> {
            jdbc.execute("SELECT pg_advisory_xact_lock(" + REQUEST_LOCK + ")");
            Generation latest = latest();
            if (latest != null && !finished(latest, readModelStatuses())) {
                return false;
            }
            long eventsTotal = position(eventStore.createHeadToken());
            jdbc.update("INSERT INTO read_model_rebuild (generation, requested_by, requested_at, events_total) "
                    + "VALUES (?, ?, now(), ?)", latest == null ? 1 : latest.generation() + 1, node.id(), eventsTotal);
            log.info("Rebuild of read models {} requested by {}: {} events in the store", readModels(), node.id(),
                    eventsTotal);
            return true;
        });
        if (Boolean.TRUE.equals(requested)) {
            coordinate();
        }
        return Boolean.TRUE.equals(requested);
    }

    /**
     * One step of this instance's part in the newest rebuild: stop, try the reset, start again. Called about once a
     * second by {@link QueryInstances}, and at once after a request on this instance.
     */
    public synchronized void coordinate() {
        Generation latest = latest();
        if (latest == null) {
            carriedOut = 0;
            return;
        }
        if (latest.generation() <= carriedOut) {
            return;
        }
        if (latest.resetAt() == null) {
            if (waitingFor != latest.generation()) {
                log.info("Rebuild {} requested by {}: stopping the processors of {}", latest.generation(),
                        latest.requestedBy(), node.id());
                waitingFor = latest.generation();
            }
            readModels().forEach(name -> processor(name).shutDown());
            if (!tryReset(latest)) {
                return;
            }
        }
        if (readingFor == latest.generation() || !singleReadOver(latest.generation())) {
            return;
        }
        for (String name : readModels()) {
            StreamingEventProcessor processor = processor(name);
            if (!processor.isRunning()) {
                processor.start();
            }
        }
        if (waitingFor == latest.generation()) {
            log.info("Rebuild {}: processors of {} started again", latest.generation(), node.id());
        }
        carriedOut = latest.generation();
        waitingFor = -1;
    }

    /**
     * Whether the rebuild's single read is over for this instance: it has run here, or another instance runs it, or it
     * has nothing to do. False while it runs here (started now or before), or waits for a dead instance's claims to
     * expire; the processors stay stopped meanwhile.
     */
    private boolean singleReadOver(long generation) {
        if (singleRead == null || singleReadOver >= generation) {
            return true;
        }
        // the processors must not hold a segment (Axon starts them with the service), nor process beside the read
        readModels().forEach(name -> processor(name).shutDown());
        List<BulkReplay.ReadModel> readModels = readModels().stream()
                .map(name -> new BulkReplay.ReadModel(name, (AbstractEventProcessor) processor(name))).toList();
        BulkReplay.Refusal refusal = singleRead.start(readModels, () -> singleReadEnded(generation));
        if (refusal == null) {
            singleReads++;
            readingFor = generation;
            waitingFor = generation;
            log.info("Rebuild {}: the event store is read once by {}", generation, node.id());
            return false;
        }
        if (refusal == BulkReplay.Refusal.WAIT) {
            waitingFor = generation;
            return false;
        }
        log.info("Rebuild {}: no single read here ({})", generation, refusal);
        singleReadOver = generation;
        return true;
    }

    private synchronized void singleReadEnded(long generation) {
        readingFor = -1;
        singleReadOver = Math.max(singleReadOver, generation);
        coordinate();
    }

    /** How many rebuilds this instance has read the event store for once ({@link BulkReplay}). */
    synchronized long singleReads() {
        return singleReads;
    }

    /** Whether this instance has stopped its processors for a rebuild whose reset it still waits for. */
    synchronized boolean pausedForRebuild() {
        return waitingFor >= 0;
    }

    /**
     * Resets every processor's tokens, in one transaction with the generation's {@code reset_at}; false while another
     * instance still holds a claim. A processor whose segment count differs from its configured
     * {@code initial-segment-count} gets the configured count (an upgrade to more segments takes effect here).
     */
    private boolean tryReset(Generation generation) {
        try {
            transactions.executeWithoutResult(status -> {
                int mine = jdbc.update("UPDATE read_model_rebuild SET reset_by = ?, reset_at = now() "
                        + "WHERE generation = ? AND reset_at IS NULL", node.id(), generation.generation());
                if (mine == 0) {
                    return; // another instance has reset (and committed: the update waited for its row lock)
                }
                for (String name : readModels()) {
                    reset(name);
                }
                log.info("Rebuild {}: tokens of {} reset by {}", generation.generation(), readModels(), node.id());
            });
            return true;
        } catch (RuntimeException e) {
            // typically UnableToClaimTokenException: another instance has not stopped yet, or a dead one's claim
            // has not expired
            log.debug("Rebuild {}: reset not possible yet ({})", generation.generation(), e.getClass().getSimpleName());
            return false;
        }
    }

    private void reset(String name) {
        int configured = environment.getProperty("axon.eventhandling.processors." + name + ".initial-segment-count",
                Integer.class, 0);
        int[] segments = tokenStore.fetchSegments(name);
        if (configured > 0 && segments.length != configured) {
            for (int segment : segments) {
                tokenStore.fetchToken(name, segment); // claims it, or fails while another instance holds it
            }
            for (int segment : segments) {
                tokenStore.deleteToken(name, segment);
            }
            tokenStore.initializeTokenSegments(name, configured, eventStore.createHeadToken());
            log.info("Rebuild: {} now has {} segments (was {})", name, configured, segments.length);
        }
        processor(name).resetTokens();
        // the reset claimed every segment for this instance: free them at once for whoever starts first
        for (int segment : tokenStore.fetchSegments(name)) {
            tokenStore.releaseClaim(name, segment);
        }
    }

    /** The newest rebuild's progress, from the database: the same on every instance. */
    public RebuildStatus status() {
        Generation latest = latest();
        List<RebuildStatus.ReadModel> readModels = readModelStatuses();
        int instances = liveInstances();
        if (latest == null) {
            return new RebuildStatus("NEVER_STARTED", 0, null, null, 0, 0, 0, 0, instances, readModels);
        }
        boolean finished = finished(latest, readModels);
        Generation now = finished && latest.finishedAt() == null ? latest() : latest;
        long done = now.resetAt() == null ? 0
                : Math.min(now.eventsTotal(), readModels.stream().mapToLong(RebuildStatus.ReadModel::position).min().orElse(0));
        Instant until = now.finishedAt() != null ? now.finishedAt() : Instant.now();
        long millis = Math.max(1, Duration.between(now.requestedAt(), until).toMillis());
        double percent = now.eventsTotal() == 0 ? (finished ? 100.0 : 0.0)
                : Math.round(1000.0 * done / now.eventsTotal()) / 10.0;
        return new RebuildStatus(finished ? "FINISHED" : "RUNNING", now.generation(), now.requestedAt(),
                now.finishedAt(), now.eventsTotal(), done, percent, done * 1000 / millis, instances, readModels);
    }

    /**
     * Done when the tokens have been reset and every read model's every segment has processed the events that were in
     * the store when the rebuild was requested; recorded once ({@code finished_at}). Axon's own "replaying" flag is
     * no help: it stays on until an event newer than the reset point arrives.
     */
    private boolean finished(Generation generation, List<RebuildStatus.ReadModel> readModels) {
        if (generation.finishedAt() != null) {
            return true;
        }
        if (generation.resetAt() == null
                || !readModels.stream().allMatch(r -> r.position() >= generation.eventsTotal())) {
            return false;
        }
        jdbc.update("UPDATE read_model_rebuild SET finished_at = now() WHERE generation = ? AND finished_at IS NULL",
                generation.generation());
        return true;
    }

    /** Each read model's slowest segment, from the token store; the error, if any, from this instance's processor. */
    private List<RebuildStatus.ReadModel> readModelStatuses() {
        List<RebuildStatus.ReadModel> statuses = new ArrayList<>();
        for (String name : readModels()) {
            List<TrackingToken> tokens = jdbc.query(
                    "SELECT token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment",
                    (row, i) -> token(row.getBytes(1), row.getString(2)), name);
            boolean replaying = tokens.stream().anyMatch(ReplayToken.class::isInstance);
            long position = tokens.stream().mapToLong(ReadModelRebuild::position).min().orElse(0);
            Map<Integer, EventTrackerStatus> segments = processor(name).processingStatus();
            String error = segments.values().stream().filter(EventTrackerStatus::isErrorState)
                    .map(s -> s.getError().getClass().getSimpleName()).findFirst().orElse(null);
            statuses.add(new RebuildStatus.ReadModel(name, replaying, position, error));
        }
        return statuses;
    }

    private TrackingToken token(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    int liveInstances() {
        Integer live = jdbc.queryForObject("SELECT count(*) FROM query_instance WHERE seen_at > now() - ?::interval",
                Integer.class, QueryInstances.liveWindow(environment));
        return live == null ? 0 : live;
    }

    private Generation latest() {
        List<Generation> rows = jdbc.query("SELECT generation, requested_by, requested_at, events_total, reset_at, "
                        + "finished_at FROM read_model_rebuild ORDER BY generation DESC LIMIT 1",
                (row, i) -> new Generation(row.getLong(1), row.getString(2), instant(row.getTimestamp(3)),
                        row.getLong(4), instant(row.getTimestamp(5)), instant(row.getTimestamp(6))));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The names of the streaming processors: one per read model. */
    Set<String> readModels() {
        Set<String> names = new TreeSet<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                names.add(name);
            }
        });
        return names;
    }

    StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor " + name));
    }

    private static long position(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        OptionalLong position = token.position();
        return position.orElse(0);
    }

    private record Generation(long generation, String requestedBy, Instant requestedAt, long eventsTotal,
                              Instant resetAt, Instant finishedAt) {
    }
}
