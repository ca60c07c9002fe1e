package nl.gezinscoaching.query.mine;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.query.audit.ReadAudit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The families' names, so that a coach recognises each family on their list: read from the referral, the first
 * event of each trajectory's own stream (upcast and decrypted with the family's key, as the history view reads it),
 * and recorded in the read audit like every other read of a family's personal data. The read models keep no
 * names. An erased family has no name any more ({@code null}).
 * <p>
 * A list's names are read with one query and their reads recorded with one insert: read one family at a time, a
 * list of 20 families cost 20 event-store queries and 20 audit inserts (the pages benchmark's profile).
 */
@Component
class FamilyNames {

    static final String PURPOSE = "my-families";

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final EventUpcasterChain upcasters;
    private final ReadAudit audit;
    private final FamilyKeys familyKeys;
    private final String firstEvents;

    FamilyNames(JdbcClient jdbc, Serializer serializer, EventSchema schema, EventUpcasterChain upcasters,
                ReadAudit audit, FamilyKeys familyKeys) {
        this.jdbc = jdbc;
        this.familyKeys = familyKeys;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.audit = audit;
        this.firstEvents = "SELECT " + String.join(", ", schema.eventIdentifierColumn(),
                schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(), schema.typeColumn(),
                schema.timestampColumn(), schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                schema.payloadColumn(), schema.metaDataColumn())
                + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ANY(?) AND " + schema.sequenceNumberColumn() + " = 0";
    }

    /**
     * The name of each family that has a referral (erased: {@code null}); callers list only families the signed-in
     * user may read. Every family named is recorded as read.
     */
    Map<String, String> namesOf(Collection<String> trajectoryIds) {
        if (trajectoryIds.isEmpty()) {
            return Map.of();
        }
        List<GenericDomainEventEntry<byte[]>> referrals = jdbc.sql(firstEvents)
                .param(trajectoryIds.stream().distinct().toArray(String[]::new))
                .query((row, i) -> new GenericDomainEventEntry<>(row.getString(4),
                        row.getString(2), row.getLong(3), row.getString(1), row.getString(5), row.getString(6),
                        row.getString(7), row.getBytes(8), row.getBytes(9)))
                .list();
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(referrals.stream(), serializer,
                upcasters);
        Map<String, String> names = new HashMap<>();
        // decrypted with each family's key as the table has it now, not as this instance's cache remembers it: an
        // erasure committed by another instance hides the name at once, as in the history
        familyKeys.checkingErasure(trajectoryIds, () -> {
            while (events.hasNext()) {
                DomainEventMessage<?> first = events.next();
                if (first.getPayload() instanceof FamilyReferred referral) {
                    names.put(first.getAggregateIdentifier(), referral.family().name());
                }
            }
            return names;
        });
        audit.recordAll(names.keySet(), PURPOSE);
        return names;
    }
}
