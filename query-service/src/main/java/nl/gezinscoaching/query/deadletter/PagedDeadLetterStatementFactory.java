package nl.gezinscoaching.query.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;

/**
 * Axon's statements for the JDBC dead-letter queue, with two mends of Axon 4.13.
 * <p>
 * <b>The claimable sequences are paged correctly.</b> 
 * Axon 4.13's {@code claimableSequencesStatement} pages by comparing the row offset with the sequence
 * index ({@code sequence_index >= offset}) instead of skipping rows, so its second page holds only
 * sequences whose first letter has an index of at least 10. {@code process(filter)} reads pages of 10:
 * with more than ten dead-lettered sequences, a retry of one trajectory never finds it unless it is among
 * the ten least recently touched. Here the page is an {@code OFFSET} over a stable order.
 * <p>
 * <b>A requeued letter keeps its cause's type.</b> {@code JdbcDeadLetter.withCause} wraps the cause the
 * policy gave in a new {@code ThrowableCause}, so a letter that fails again would be stored with the type
 * {@code ThrowableCause} instead of the failure's; the requeue statement stores the wrapped cause.
 */
final class PagedDeadLetterStatementFactory extends DefaultDeadLetterStatementFactory<EventMessage<?>> {

    private final DeadLetterSchema schema;

    PagedDeadLetterStatementFactory(DeadLetterSchema schema, Serializer serializer) {
        super(DefaultDeadLetterStatementFactory.<EventMessage<?>>builder()
                .schema(schema).genericSerializer(serializer).eventSerializer(serializer));
        this.schema = schema;
    }

    @Override
    public PreparedStatement requeueStatement(Connection connection, String letterIdentifier, Cause cause,
                                              Instant lastTouched, MetaData diagnostics) throws SQLException {
        Cause stored = cause instanceof ThrowableCause wrapper && wrapper.getCause() instanceof Cause wrapped
                ? wrapped : cause;
        return super.requeueStatement(connection, letterIdentifier, stored, lastTouched, diagnostics);
    }

    @Override
    public PreparedStatement claimableSequencesStatement(Connection connection, String processingGroup,
                                                         Instant processingStartedLimit, int offset, int maxSize)
            throws SQLException {
        String sql = "SELECT * FROM " + schema.deadLetterTable() + " dl"
                + " WHERE dl." + schema.processingGroupColumn() + " = ?"
                + " AND dl." + schema.sequenceIndexColumn() + " = ("
                + "SELECT MIN(dl2." + schema.sequenceIndexColumn() + ") FROM " + schema.deadLetterTable() + " dl2"
                + " WHERE dl2." + schema.processingGroupColumn() + " = dl." + schema.processingGroupColumn()
                + " AND dl2." + schema.sequenceIdentifierColumn() + " = dl." + schema.sequenceIdentifierColumn() + ")"
                + " AND (dl." + schema.processingStartedColumn() + " IS NULL"
                + " OR dl." + schema.processingStartedColumn() + " < ?)"
                + " ORDER BY dl." + schema.lastTouchedColumn() + ", dl." + schema.deadLetterIdentifierColumn()
                + " OFFSET ? LIMIT ?";
        PreparedStatement statement =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setString(1, processingGroup);
        statement.setString(2, DateTimeUtils.formatInstant(processingStartedLimit));
        statement.setInt(3, offset);
        statement.setInt(4, maxSize);
        return statement;
    }
}
