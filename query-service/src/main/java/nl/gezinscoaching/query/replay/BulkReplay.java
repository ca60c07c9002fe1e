package nl.gezinscoaching.query.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuild's own path: after the reset, the event store is read <em>once</em>, in order, by one reader thread,
 * and every segment of every read model gets its share of the events on a thread of its own, which feeds them to the
 * processor's own handlers, with the processor's own interceptors (dead-letter batches, batched writes, change
 * signals), in large batches: a batch's rows and its segment's token commit in one transaction, exactly as the
 * processor's own batches do. The streaming processors read the whole stream once <em>per segment</em> (a tracking
 * processor's every thread reads every event and skips the other segments'); this reads it once.
 * <p>
 * Exactly one instance runs it: it holds a PostgreSQL advisory lock for the run (on a connection of its own, so a
 * killed instance's lock goes with its connection) and the claim of every segment, so no processor of any instance
 * processes a segment meanwhile. Each batch's token is the stream's position after the last event read for it, as
 * Axon's gap-aware token has it: the positions below it that were missing when it was read (a transaction of the
 * command service not yet committed) stay gaps, and the processors, which carry on from these tokens when the run
 * has read the head, read them once they are filled. The tokens are the processors' replay tokens advanced, so the
 * handlers see the events as a replay, as they would from the processors.
 * <p>
 * Anything that goes wrong ends the run without harm: the tokens and rows committed so far belong together, the claims
 * are released, and the processors carry on from there (the instance killed: its claims expire, and the next one to
 * coordinate the rebuild runs on from the same tokens).
 */
final class BulkReplay {

    private static final Logger log = LoggerFactory.getLogger(BulkReplay.class);
    /** Held (pg_try_advisory_lock, session level) by the one instance that runs the rebuild's read. */
    static final long RUN_LOCK = 185_014L;
    private static final List<TrackedEventMessage<?>> END = List.of();
    private static final int QUEUED_BATCHES = 4;

    /** One read model's processor, as its handlers, interceptors and segments are. */
    record ReadModel(String name, AbstractEventProcessor processor) {
    }

    /** Why a run did not start. */
    enum Refusal {
        /** another instance runs it, or a processor holds a segment: the processors do the rebuild */
        NOT_HERE,
        /** a segment is still claimed by an instance that is gone: try again once its claim has expired */
        WAIT,
        /** the tokens are not those of a rebuild in progress: nothing to do */
        NOTHING_TO_DO
    }

    private final EventStorageEngine storageEngine;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final QueryNode node;
    private final int batchSize;
    private final String liveWindow;

    BulkReplay(EventStorageEngine storageEngine, TokenStore tokenStore, TransactionManager transactionManager,
               TransactionTemplate transactions, DataSource dataSource, QueryNode node, int batchSize,
               String liveWindow) {
        this.storageEngine = storageEngine;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.node = node;
        this.batchSize = batchSize;
        this.liveWindow = liveWindow;
    }

    /**
     * Takes the lock and every segment's claim, and starts the run on a thread of its own; {@code whenDone} runs on
     * that thread when it has ended, however it ended. Returns null when started, else why not.
     */
    Refusal start(List<ReadModel> readModels, Runnable whenDone) {
        Connection lock;
        try {
            lock = dataSource.getConnection();
            if (!tryLock(lock)) {
                log.info("Rebuild: the event store is read once by another instance");
                lock.close();
                return Refusal.NOT_HERE;
            }
        } catch (SQLException e) {
            log.warn("Rebuild: no fast path ({}); the processors rebuild", e.getClass().getSimpleName());
            return Refusal.NOT_HERE;
        }
        List<Worker> workers;
        try {
            workers = claimEverySegment(readModels);
        } catch (RuntimeException e) {
            unlock(lock);
            if (e instanceof UnableToClaimTokenException && claimedOnlyByTheGone(readModels)) {
                return Refusal.WAIT;
            }
            log.info("Rebuild: a segment is held by a processor ({}); the processors rebuild",
                    e.getClass().getSimpleName());
            return Refusal.NOT_HERE;
        }
        if (workers == null) {
            unlock(lock);
            return Refusal.NOTHING_TO_DO;
        }
        Thread run = new Thread(() -> {
            try {
                run(workers);
            } finally {
                release(workers);
                unlock(lock);
                whenDone.run();
            }
        }, "read-model-rebuild");
        run.setDaemon(true);
        run.start();
        return null;
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + RUN_LOCK + ")")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static void unlock(Connection lock) {
        try (lock; Statement statement = lock.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + RUN_LOCK + ")");
        } catch (SQLException e) {
            // the connection is gone, and the lock with it
            log.debug("Rebuild: lock connection closed ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * Claims every segment of every read model, in one transaction; null when a token is not a replay token, or the
     * tokens are not all at one position (then the processors do the rest, as they would have).
     */
    private List<Worker> claimEverySegment(List<ReadModel> readModels) {
        return transactions.execute(status -> {
            List<Worker> workers = new ArrayList<>();
            TrackingToken position = null;
            for (ReadModel readModel : readModels) {
                for (int segmentId : tokenStore.fetchSegments(readModel.name())) {
                    TrackingToken token = tokenStore.fetchToken(readModel.name(), segmentId); // claims it
                    // a reset token is a replay token, or none when the segment had processed nothing before
                    if (token != null && !(token instanceof ReplayToken)) {
                        log.info("Rebuild: no single read, {} segment {} is not replaying", readModel.name(),
                                segmentId);
                        status.setRollbackOnly();
                        return null;
                    }
                    TrackingToken at = token == null ? null : WrappedToken.unwrapLowerBound(token);
                    if (!workers.isEmpty() && !Objects.equals(position, at)) {
                        log.info("Rebuild: no single read, the segments of {} are at different positions",
                                readModel.name());
                        status.setRollbackOnly();
                        return null;
                    }
                    position = at;
                    Segment segment = Segment.computeSegment(segmentId, tokenStore.fetchSegments(readModel.name()));
                    workers.add(new Worker(readModel, segment, token));
                }
            }
            return workers.isEmpty() ? null : workers;
        });
    }

    /** Whether every claim on the read models' segments is an instance's that is no longer alive. */
    private boolean claimedOnlyByTheGone(List<ReadModel> readModels) {
        for (ReadModel readModel : readModels) {
            Integer live = jdbc.queryForObject("SELECT count(*) FROM token_entry t WHERE t.processor_name = ? "
                    + "AND t.owner IS NOT NULL AND t.owner <> ? AND EXISTS (SELECT 1 FROM query_instance q "
                    + "WHERE q.node_id = t.owner AND q.seen_at > now() - ?::interval)", Integer.class,
                    readModel.name(), node.id(), liveWindow);
            if (live != null && live > 0) {
                return false;
            }
        }
        return true;
    }

    private void release(List<Worker> workers) {
        for (Worker worker : workers) {
            try {
                transactions.executeWithoutResult(status ->
                        tokenStore.releaseClaim(worker.readModel.name(), worker.segment.getSegmentId()));
            } catch (RuntimeException e) {
                // expires after the claim timeout
                log.warn("Rebuild: claim of {} segment {} not released ({})", worker.readModel.name(),
                        worker.segment.getSegmentId(), e.getClass().getSimpleName());
            }
        }
    }

    /** Reads the stream once and hands every segment its events, until the head or a failure. */
    private void run(List<Worker> workers) {
        long started = System.nanoTime();
        TrackingToken first = workers.get(0).token;
        TrackingToken from = first == null ? null : WrappedToken.unwrapLowerBound(first);
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            Thread thread = new Thread(worker, "read-model-rebuild-" + worker.readModel.name() + "-"
                    + worker.segment.getSegmentId());
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        long events = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = storageEngine.readEvents(from, false)) {
            List<List<TrackedEventMessage<?>>> shares = new ArrayList<>();
            workers.forEach(worker -> shares.add(new ArrayList<>()));
            TrackingToken last = null;
            int read = 0;
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                // each read model's event goes to the one segment it belongs to; the segment's thread deserializes it
                ReadModel taken = null;
                for (int i = 0; i < workers.size(); i++) {
                    Worker worker = workers.get(i);
                    if (worker.readModel != taken && worker.handles(event)) {
                        shares.get(i).add(event);
                        taken = worker.readModel;
                    }
                }
                last = event.trackingToken();
                events++;
                if (++read == batchSize) {
                    handOut(workers, shares, last);
                    read = 0;
                    if (workers.stream().anyMatch(Worker::failed)) {
                        break;
                    }
                }
            }
            if (read > 0) {
                handOut(workers, shares, last);
            }
        } catch (RuntimeException e) {
            log.warn("Rebuild: reading the event store failed ({}); the processors carry on from the last batch",
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Worker worker : workers) {
                try {
                    worker.queue.put(new Batch(END, null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        log.info("Rebuild: {} events read once for {} segments in {} ms ({} events/s){}", events, workers.size(),
                millis, events * 1000 / millis, workers.stream().anyMatch(Worker::failed)
                        ? "; stopped at a failure, the processors carry on from the last batch" : "");
    }

    private static void handOut(List<Worker> workers, List<List<TrackedEventMessage<?>>> shares, TrackingToken last)
            throws InterruptedException {
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).queue.put(new Batch(shares.get(i), last));
            shares.set(i, new ArrayList<>());
        }
    }

    /** A segment's events of one stretch of the stream, and the stream's position at its end. */
    private record Batch(List<TrackedEventMessage<?>> events, TrackingToken position) {
    }

    /** One segment of one read model: its events handled by its processor's handlers, its token stored with them. */
    private final class Worker implements Runnable {

        private final ReadModel readModel;
        private final Segment segment;
        private final BatchProcessor processor;
        private final EventHandlerInvoker invoker;
        private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Read by the reader thread only. */
        private final Map<Class<?>, Boolean> handledTypes = new HashMap<>();
        private TrackingToken token;

        Worker(ReadModel readModel, Segment segment, TrackingToken token) {
            this.readModel = readModel;
            this.segment = segment;
            this.token = token;
            this.invoker = readModel.processor().eventHandlerInvoker();
            this.processor = new BatchProcessor(readModel);
        }

        boolean handles(TrackedEventMessage<?> event) {
            try {
                return handledTypes.computeIfAbsent(event.getPayloadType(), invoker::canHandleType)
                        && invoker.canHandle(event, segment);
            } catch (RuntimeException e) {
                return true; // let the handlers (and their dead-letter queue) decide
            }
        }

        boolean failed() {
            return failure.get() != null;
        }

        /** Until the end of the run; after a failure it only takes what the reader still hands out. */
        @Override
        public void run() {
            try {
                while (true) {
                    Batch batch = queue.take();
                    if (batch.events() == END) {
                        return;
                    }
                    if (failed()) {
                        continue;
                    }
                    try {
                        process(batch);
                    } catch (Exception | Error e) {
                        failure.set(e);
                        log.warn("Rebuild: {} segment {} failed ({}); the processors carry on from its last batch",
                                readModel.name(), segment.getSegmentId(), e.getClass().getSimpleName());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void process(Batch batch) throws Exception {
            TrackingToken advanced = advance(token, batch.position());
            List<TrackedEventMessage<?>> events = new ArrayList<>(batch.events().size());
            TrackingToken replayed = token;
            for (TrackedEventMessage<?> event : batch.events()) {
                replayed = advance(replayed, event.trackingToken());
                events.add(event.withTrackingToken(replayed));
            }
            if (events.isEmpty()) {
                // nothing for this segment in this stretch: only its position moves
                transactions.executeWithoutResult(status ->
                        tokenStore.storeToken(advanced, readModel.name(), segment.getSegmentId()));
            } else {
                BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
                unitOfWork.attachTransaction(transactionManager);
                // what a tracking processor's own interceptor reads (it extends the claim and stores the token)
                unitOfWork.resources().put("Processor[" + readModel.name() + "]/SegmentId", segment.getSegmentId());
                unitOfWork.resources().put("Processor[" + readModel.name() + "]/Token", advanced);
                unitOfWork.onPrepareCommit(u -> tokenStore.storeToken(advanced, readModel.name(),
                        segment.getSegmentId()));
                processor.process(events, unitOfWork, segment);
            }
            token = advanced;
        }
    }

    private static TrackingToken advance(TrackingToken token, TrackingToken to) {
        return token instanceof ReplayToken replay ? replay.advancedTo(to) : to;
    }

    /**
     * The read model's processor as a batch of events meets it: the same handlers (invoker) and interceptors, an
     * error rolls the batch back and ends the run. Axon's processors keep that step to themselves
     * ({@code processInUnitOfWork}); this is the smallest processor that has it.
     */
    private static final class BatchProcessor extends AbstractEventProcessor {

        BatchProcessor(ReadModel readModel) {
            super(new Builder() {
            }.name(readModel.name() + "-rebuild")
                    .eventHandlerInvoker(readModel.processor().eventHandlerInvoker())
                    .errorHandler(PropagatingErrorHandler.instance())
                    .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE));
            readModel.processor().getHandlerInterceptors().forEach(this::registerHandlerInterceptor);
        }

        void process(List<? extends EventMessage<?>> events, BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork,
                     Segment segment)
                throws Exception {
            processInUnitOfWork(events, unitOfWork, List.of(segment));
        }

        @Override
        public void start() {
        }

        @Override
        public void shutDown() {
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public boolean isError() {
            return false;
        }
    }

}
