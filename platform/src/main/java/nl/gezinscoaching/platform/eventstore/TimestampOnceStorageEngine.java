package nl.gezinscoaching.platform.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC engine, with each row's timestamp parsed once. Axon's entries keep the timestamp as the column's text
 * and parse it on every {@code getTimestamp()}: once for the gap-aware token, once for the message, again each time a
 * message is re-tokened (a replay) or its timestamp read (a handler's {@code @Timestamp}). In a rebuild that was a
 * fifth of the reading thread's time (docs/benchmarks.md).
 * <p>
 * The tracking token is computed exactly as Axon's {@code getTrackedEventData} does, with the same gap settings,
 * which this engine is given beside its builder's (Axon keeps them private).
 */
final class TimestampOnceStorageEngine extends JdbcEventStorageEngine {

    /** Axon's defaults (JdbcEventStorageEngine.Builder), set on the builder too so both agree. */
    static final int MAX_GAP_OFFSET = 10_000;
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private TimestampOnceStorageEngine(Builder builder) {
        super(builder);
    }

    static TimestampOnceStorageEngine build(Builder builder) {
        return new TimestampOnceStorageEngine(builder.maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS));
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        ParsedEntry<?> domainEvent = new ParsedEntry<>(resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        // as Axon: gaps are kept only below events younger than the gap timeout
        boolean allowGaps = domainEvent.getTimestamp().isAfter(
                GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence)
                            .boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, domainEvent);
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        EventSchema schema = schema();
        return new ParsedEntry<>(resultSet.getString(schema.typeColumn()),
                resultSet.getString(schema.aggregateIdentifierColumn()),
                resultSet.getLong(schema.sequenceNumberColumn()),
                resultSet.getString(schema.eventIdentifierColumn()),
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
    }

    /** An entry whose timestamp is parsed on first use and kept. */
    private static final class ParsedEntry<T> extends GenericDomainEventEntry<T> {

        private Instant parsed;

        ParsedEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                    Object timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            if (timestamp instanceof Instant instant) {
                parsed = instant;
            }
        }

        @Override
        public Instant getTimestamp() {
            Instant timestamp = parsed;
            if (timestamp == null) {
                timestamp = super.getTimestamp();
                parsed = timestamp;
            }
            return timestamp;
        }
    }
}
