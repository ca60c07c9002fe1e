package nl.gezinscoaching.query.replay;

import java.time.Instant;
import java.util.List;

/**
 * Progress of the newest rebuild of the read models, the same on every query-service instance.
 *
 * @param generation      the rebuild's number (0: never started)
 * @param eventsTotal     the event store's head when the rebuild was requested
 * @param eventsDone      events the slowest segment of the slowest read model has processed so far (0 until the
 *                        tokens have been reset)
 * @param eventsPerSecond eventsDone over the time since the request
 * @param instances       query-service instances alive now (they share the segments)
 */
public record RebuildStatus(String state, long generation, Instant startedAt, Instant finishedAt, long eventsTotal,
                            long eventsDone, double percentDone, long eventsPerSecond, int instances,
                            List<ReadModel> readModels) {

    public record ReadModel(String name, boolean replaying, long position, String error) {
    }
}
