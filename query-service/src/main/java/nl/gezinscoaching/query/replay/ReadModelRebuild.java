package nl.gezinscoaching.query.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Rebuilds every read model from the event store: each streaming processor is stopped, its tokens are
 * reset (its reset handler empties its tables) and it is started again, replaying from the first event.
 * While a rebuild runs, the views are incomplete.
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Clock clock;

    private Instant startedAt;
    private Instant finishedAt;
    private long eventsTotal;

    ReadModelRebuild(EventProcessingConfiguration processing, EventStore eventStore, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** Starts a rebuild; refused (false) while one is running. */
    public synchronized boolean start() {
        if (startedAt != null && finishedAt == null && !isFinished(readModelStatuses())) {
            return false;
        }
        eventsTotal = position(eventStore.createHeadToken());
        startedAt = clock.instant();
        finishedAt = null;
        for (String name : readModels()) {
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        log.info("Rebuild of read models {} started: {} events in the store", readModels(), eventsTotal);
        return true;
    }

    public synchronized RebuildStatus status() {
        if (startedAt == null) {
            return new RebuildStatus("NEVER_STARTED", null, null, 0, 0, 0, 0, readModelStatuses());
        }
        // one look at the processors for both the count and the verdict: a read model that finishes between two
        // looks would otherwise be reported finished with the events done of the earlier look
        List<RebuildStatus.ReadModel> readModels = readModelStatuses();
        long done = readModels.stream().mapToLong(RebuildStatus.ReadModel::position).min().orElse(0);
        done = Math.min(done, eventsTotal);
        if (finishedAt == null && isFinished(readModels)) {
            finishedAt = clock.instant();
        }
        Instant until = finishedAt != null ? finishedAt : clock.instant();
        long millis = Math.max(1, Duration.between(startedAt, until).toMillis());
        double percent = eventsTotal == 0 ? 100.0 : Math.round(1000.0 * done / eventsTotal) / 10.0;
        return new RebuildStatus(finishedAt != null ? "FINISHED" : "RUNNING", startedAt, finishedAt, eventsTotal, done,
                percent, done * 1000 / millis, readModels);
    }

    /**
     * Done when every read model has processed the events that were in the store when the rebuild began.
     * Axon forgets a processor's status when it stops and reports the replay's token once it has
     * claimed its segments again, so a reported position is never the one from before the reset; until
     * the segments are claimed there is no position (0). Axon's own "replaying" flag is no help: it stays
     * on until an event newer than the reset point arrives.
     */
    private boolean isFinished(List<RebuildStatus.ReadModel> readModels) {
        if (eventsTotal == 0) {
            return true;
        }
        return readModels.stream().allMatch(r -> r.position() >= eventsTotal);
    }

    private List<RebuildStatus.ReadModel> readModelStatuses() {
        List<RebuildStatus.ReadModel> statuses = new ArrayList<>();
        for (String name : readModels()) {
            Map<Integer, EventTrackerStatus> segments = processor(name).processingStatus();
            boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
            long position = segments.values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .mapToLong(p -> p.orElse(0))
                    .min().orElse(0);
            String error = segments.values().stream().filter(EventTrackerStatus::isErrorState)
                    .map(s -> s.getError().getClass().getSimpleName()).findFirst().orElse(null);
            statuses.add(new RebuildStatus.ReadModel(name, replaying, position, error));
        }
        return statuses;
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

    private StreamingEventProcessor processor(String name) {
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
}
