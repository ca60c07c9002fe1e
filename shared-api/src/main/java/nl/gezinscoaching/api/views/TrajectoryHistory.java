package nl.gezinscoaching.api.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The audit trail of one family's trajectory, in stream order.
 *
 * @param plannedEndOn the first assignment plus the norm plus the granted extensions; null before an assignment
 */
public record TrajectoryHistory(String trajectoryId, LocalDate plannedEndOn, List<Entry> events) {

    /**
     * @param type        the event's simple class name ({@code HomeVisitHeld})
     * @param occurredOn  the business date
     * @param recordedAt  when it was recorded
     * @param recordedBy  who recorded it
     * @param data        the event's fields (the event itself in the service; a JSON object, read as a map, in a
     *                    client)
     * @param revision    the revision of the event's shape in {@code data}: always the current one, an event
     *                    stored at an older revision is upcast when it is read (docs/events.md)
     */
    public record Entry(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String recordedBy,
                        Object data, String revision) {
    }
}
