package nl.gezinscoaching.query.mine;

import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.query.audit.ReadAudit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The family's name, so that a coach recognises the family on their list: read from the referral, the first
 * event of the trajectory's own stream (decrypted with the family's key, as the history view reads it), and
 * recorded in the read audit like every other read of a family's personal data. The read models keep no
 * names. An erased family has no name any more ({@code null}).
 */
@Component
class FamilyNames {

    static final String PURPOSE = "my-families";

    private final EventStore eventStore;
    private final ReadAudit audit;

    FamilyNames(EventStore eventStore, ReadAudit audit) {
        this.eventStore = eventStore;
        this.audit = audit;
    }

    /** Callers list only families the signed-in user may read. */
    String nameOf(String trajectoryId) {
        DomainEventStream stream = eventStore.readEvents(trajectoryId, 0);
        if (!stream.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = stream.next();
        if (!(first.getPayload() instanceof FamilyReferred referral)) {
            return null;
        }
        audit.record(trajectoryId, PURPOSE);
        return referral.family().name();
    }
}
