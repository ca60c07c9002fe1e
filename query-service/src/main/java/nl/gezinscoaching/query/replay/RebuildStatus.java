package nl.gezinscoaching.query.replay;

import java.time.Instant;
import java.util.List;

/**
 * Progress of a rebuild of the read models.
 *
 * @param eventsTotal     the event store's head when the rebuild started
 * @param eventsDone      events the slowest read model has processed so far
 * @param eventsPerSecond eventsDone over the time since the start
 */
public record RebuildStatus(String state, Instant startedAt, Instant finishedAt, long eventsTotal, long eventsDone,
                            double percentDone, long eventsPerSecond, List<ReadModel> readModels) {

    public record ReadModel(String name, boolean replaying, long position, String error) {
    }
}
