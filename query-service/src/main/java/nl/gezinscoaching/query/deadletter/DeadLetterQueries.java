package nl.gezinscoaching.query.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads Axon's dead-letter table ({@code V105__dead_letters.sql}) for the views, the meters and the
 * per-batch check of which sequences are dead-lettered. Axon's own queue API deserializes every letter;
 * these queries read only the columns they need, and never the payload.
 */
@Component
class DeadLetterQueries {

    static final String TABLE = "dead_letter_entry";

    private static final ObjectMapper JSON = AxonJdbcAutoConfiguration.storageObjectMapper();

    private final JdbcClient jdbc;

    DeadLetterQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One dead letter, as an administrator sees it.
     *
     * @param sequence          the sequence identifier: the trajectory (the aggregate) of the event
     * @param position          1 for the letter that holds its sequence back, then the ones waiting behind it
     * @param globalIndex       the event's position in the event store
     * @param aggregateSequence the event's sequence number in its trajectory
     * @param retries           how often a retry failed
     */
    record Letter(String processingGroup, String sequence, long position, String eventType, Long globalIndex,
                  Long aggregateSequence, String causeType, String causeMessage, Instant enqueuedAt,
                  Instant lastTouched, long retries) {
    }

    record Count(String processingGroup, long sequences, long letters) {
    }

    /** The sequence identifiers (as Axon stores them) with letters in the group. */
    Set<String> sequences(String processingGroup) {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT sequence_identifier FROM " + TABLE
                        + " WHERE processing_group = ?")
                .param(processingGroup).query(String.class).list());
    }

    /** Sequences and letters per processing group that has any. */
    List<Count> counts() {
        return jdbc.sql("SELECT processing_group, count(DISTINCT sequence_identifier) AS sequences, count(*) AS letters"
                        + " FROM " + TABLE + " GROUP BY processing_group ORDER BY processing_group")
                .query((row, i) -> new Count(row.getString("processing_group"), row.getLong("sequences"),
                        row.getLong("letters")))
                .list();
    }

    /** The processing groups in which the sequence has letters. */
    List<String> groupsOf(String sequence) {
        return jdbc.sql("SELECT DISTINCT processing_group FROM " + TABLE + " WHERE sequence_identifier = ?"
                        + " ORDER BY processing_group")
                .param(sequence).query(String.class).list();
    }

    /**
     * A page of letters: by processing group, by sequence in the order of its first letter, then in the
     * order in which they wait. The global index comes from the event store, by the event's identifier.
     */
    List<Letter> letters(int offset, int limit) {
        return jdbc.sql("""
                        SELECT d.processing_group, d.sequence_identifier, d.payload_type,
                               row_number() OVER (PARTITION BY d.processing_group, d.sequence_identifier
                                                  ORDER BY d.sequence_index) AS position,
                               e.global_index, d.sequence_number, d.cause_type, d.cause_message, d.enqueued_at,
                               d.last_touched, d.diagnostics,
                               min(d.enqueued_at) OVER (PARTITION BY d.processing_group, d.sequence_identifier)
                                   AS sequence_since
                        FROM %s d
                        LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier
                        ORDER BY d.processing_group, sequence_since, d.sequence_identifier, d.sequence_index
                        OFFSET ? LIMIT ?""".formatted(TABLE))
                .params(offset, limit)
                .query((row, i) -> new Letter(row.getString("processing_group"), row.getString("sequence_identifier"),
                        row.getLong("position"), simpleName(row.getString("payload_type")),
                        row.getObject("global_index", Long.class), row.getObject("sequence_number", Long.class),
                        row.getString("cause_type"), row.getString("cause_message"),
                        instant(row.getString("enqueued_at")), instant(row.getString("last_touched")),
                        retries(row.getBytes("diagnostics"))))
                .list();
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** The failed retries counted in the letter's diagnostics (JSON of Axon's MetaData). */
    private static long retries(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        try {
            JsonNode retries = JSON.readTree(diagnostics).get(DeadLetterPolicy.RETRIES);
            return retries == null ? 0 : retries.asLong();
        } catch (IOException e) {
            return 0;
        }
    }
}
