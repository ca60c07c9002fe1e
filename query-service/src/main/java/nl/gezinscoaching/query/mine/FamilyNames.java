package nl.gezinscoaching.query.mine;

import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import nl.gezinscoaching.query.audit.ReadAudit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
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

    private final EventStorageEngine firstEvents;
    private final ReadAudit audit;

    /**
     * Reads the first event only: a storage engine like the event store's (same serializer, upcasters, schema and
     * connections) but fetching one row per query. The event store's fetches a batch of 100, and a list of 20
     * families with long histories spent nearly all its time fetching 2,000 rows for 20 names (a profile of the
     * pages benchmark).
     */
    FamilyNames(Serializer serializer, ConnectionProvider connections, TransactionManager transactions,
                EventSchema schema, EventUpcasterChain upcasters, PersistenceExceptionResolver exceptions,
                ReadAudit audit) {
        this.firstEvents = AxonJdbcAutoConfiguration.storageEngine(serializer, exceptions, connections, transactions,
                schema, upcasters, 1).build();
        this.audit = audit;
    }

    /** Callers list only families the signed-in user may read. */
    String nameOf(String trajectoryId) {
        DomainEventStream stream = firstEvents.readEvents(trajectoryId, 0);
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
