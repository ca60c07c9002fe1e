package nl.gezinscoaching.query.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.gezinscoaching.events.TrajectoryEvent;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.platform.web.Problems;
import nl.gezinscoaching.query.access.FamilyAccess;
import nl.gezinscoaching.query.audit.ReadAudit;
import nl.gezinscoaching.api.views.TrajectoryHistory;
import nl.gezinscoaching.api.views.TrajectoryHistory.Entry;
import nl.gezinscoaching.query.support.CoachingNorms;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.ExtensionGranted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The full history of one trajectory, read from its own event stream in the event store: always complete
 * and current, and no second copy of the family's personal data to keep or to erase.
 */
@RestController
class HistoryController {

    static final String RECORDED_BY = "recordedBy";

    private final EventStore eventStore;
    private final JsonMapper json;
    private final FamilyAccess access;
    private final ReadAudit audit;
    private final FamilyKeys familyKeys;
    private final TransactionTemplate snapshot;
    private final CoachingNorms norms;

    HistoryController(EventStore eventStore, JsonMapper json, FamilyAccess access, ReadAudit audit,
                      FamilyKeys familyKeys, PlatformTransactionManager transactions, CoachingNorms norms) {
        this.norms = norms;
        this.eventStore = eventStore;
        this.json = json;
        this.access = access;
        this.audit = audit;
        this.familyKeys = familyKeys;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Every successful read of a history is in the read audit; a read that cannot be recorded fails. */
    @GetMapping(path = "/api/trajectories/{trajectoryId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    TrajectoryHistory history(@PathVariable String trajectoryId) {
        TrajectoryHistory history = load(trajectoryId);
        audit.record(trajectoryId, "history");
        return history;
    }

    /**
     * Reads the access facts, the family's key and the events in one snapshot, so an erasure or a
     * reassignment committed before the read is seen by all three and one committed after by none; the key
     * is looked up in the table, not trusted from the cache, so an erasure by the command service shows at
     * once, whatever this service's projection has processed.
     */
    private TrajectoryHistory load(String trajectoryId) {
        return snapshot.execute(status -> familyKeys.checkingErasure(() -> read(trajectoryId)));
    }

    private TrajectoryHistory read(String trajectoryId) {
        access.requireMayRead(trajectoryId);
        List<Entry> events = new ArrayList<>();
        // every event from the first: readEvents(id) would start from the command service's latest snapshot
        DomainEventStream stream = eventStore.readEvents(trajectoryId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!(message.getPayload() instanceof TrajectoryEvent event)) {
                throw new UnknownTrajectoryException(); // a coach's stream, not a trajectory's
            }
            Object recordedBy = message.getMetaData().get(RECORDED_BY);
            events.add(new Entry(message.getSequenceNumber(), event.getClass().getSimpleName(), event.occurredOn(),
                    message.getTimestamp(), recordedBy == null ? null : recordedBy.toString(), event, revisionOf(event)));
        }
        if (events.isEmpty()) {
            throw new UnknownTrajectoryException();
        }
        return new TrajectoryHistory(trajectoryId, plannedEnd(events), events);
    }

    private LocalDate plannedEnd(List<Entry> events) {
        LocalDate firstAssignedOn = null;
        long extensionMonths = 0;
        for (Entry entry : events) {
            if (entry.data() instanceof CoachAssigned assigned && firstAssignedOn == null) {
                firstAssignedOn = assigned.assignedOn();
            } else if (entry.data() instanceof ExtensionGranted extension) {
                extensionMonths += extension.months();
            }
        }
        return firstAssignedOn == null ? null : norms.plannedEnd(firstAssignedOn, extensionMonths);
    }

    private static String revisionOf(Object event) {
        Revision revision = event.getClass().getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** One row per event; the event's data as JSON text. */
    record HistoryRow(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String recordedBy,
                      String data) {
    }

    @GetMapping(path = "/api/trajectories/{trajectoryId}/history", produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> historyCsv(@PathVariable String trajectoryId) {
        TrajectoryHistory history = load(trajectoryId);
        audit.record(trajectoryId, "history.csv");
        return Csv.of("history-" + trajectoryId, HistoryRow.class, history.events().stream()
                .map(e -> new HistoryRow(e.sequence(), e.type(), e.occurredOn(), e.recordedAt(), e.recordedBy(),
                        json.writeValueAsString(e.data())))
                .toList());
    }

    static class UnknownTrajectoryException extends RuntimeException {
        UnknownTrajectoryException() {
            super("No trajectory with this id", null, false, false);
        }
    }

    @ExceptionHandler({UnknownTrajectoryException.class, FamilyAccess.UnknownFamilyException.class})
    ResponseEntity<ProblemDetail> unknown(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.NOT_FOUND, "unknown-trajectory", "Not found",
                        "No trajectory with this id exists"));
    }
}
