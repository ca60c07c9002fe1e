package nl.gezinscoaching.query.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The audit trail of one family's trajectory, in stream order. */
public record TrajectoryHistory(String trajectoryId, List<Entry> events) {

    /**
     * @param type        the event's simple class name ({@code HomeVisitHeld})
     * @param occurredOn  the business date
     * @param recordedAt  when it was recorded
     * @param recordedBy  who recorded it
     * @param data        the event's fields
     * @param revision    the revision of the event's shape in {@code data}: always the current one, an event
     *                    stored at an older revision is upcast when it is read (docs/events.md)
     */
    public record Entry(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String recordedBy,
                        Object data, String revision) {
    }
}
