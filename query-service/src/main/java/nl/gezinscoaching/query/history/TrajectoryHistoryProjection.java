package nl.gezinscoaching.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.time.Instant;
import nl.gezinscoaching.events.TrajectoryEvent;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import nl.gezinscoaching.query.support.BatchedWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes every trajectory event to {@code rm_history}, keyed by trajectory and sequence number. */
@Component
@ProcessingGroup(TrajectoryHistoryProjection.PROCESSING_GROUP)
class TrajectoryHistoryProjection {

    static final String PROCESSING_GROUP = "trajectory-history";
    static final String RECORDED_BY = "recordedBy";

    private static final ObjectMapper JSON = AxonJdbcAutoConfiguration.storageObjectMapper();

    private final BatchedWrites writes;
    private final JdbcTemplate jdbc;

    TrajectoryHistoryProjection(BatchedWrites writes, JdbcTemplate jdbc) {
        this.writes = writes;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TrajectoryEvent event, DomainEventMessage<?> message, @Timestamp Instant recordedAt) {
        Object recordedBy = message.getMetaData().get(RECORDED_BY);
        writes.write("""
                INSERT INTO rm_history (trajectory_id, sequence, event_id, type, occurred_on, recorded_at, recorded_by, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (trajectory_id, sequence) DO NOTHING""",
                event.trajectoryId(), message.getSequenceNumber(), message.getIdentifier(),
                event.getClass().getSimpleName(), Date.valueOf(event.occurredOn()), java.sql.Timestamp.from(recordedAt),
                recordedBy == null ? null : recordedBy.toString(), json(event));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE rm_history");
    }

    private static String json(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event could not be written as JSON: " + event.getClass().getSimpleName(), e);
        }
    }
}
