package nl.gezinscoaching.query.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A committed fixture of stored rows (test resources {@code stored-events/}): events exactly as an older
 * version of the services wrote them, the family keys and access facts of that moment. Inserted as they
 * are, so the current code reads what a database of that age holds.
 */
public final class StoredRows {

    private final JsonNode fixture;

    private StoredRows(JsonNode fixture) {
        this.fixture = fixture;
    }

    public static StoredRows of(String resource) {
        try (InputStream in = StoredRows.class.getResourceAsStream("/stored-events/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + resource);
            }
            return new StoredRows(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode events() {
        return fixture.get("events");
    }

    /** Inserts every row of the fixture in one transaction. */
    public void insertInto(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement event = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (JsonNode row : events()) {
                    event.setString(1, row.get("eventIdentifier").asString());
                    event.setString(2, row.get("aggregateIdentifier").asString());
                    event.setLong(3, row.get("sequenceNumber").asLong());
                    event.setString(4, row.get("type").asString());
                    event.setString(5, row.get("timeStamp").asString());
                    event.setString(6, row.get("payloadType").asString());
                    event.setString(7, row.get("payloadRevision").asString());
                    event.setBytes(8, row.get("payload").asString().getBytes(StandardCharsets.UTF_8));
                    event.setBytes(9, row.get("metaData").asString().getBytes(StandardCharsets.UTF_8));
                    event.addBatch();
                }
                event.executeBatch();
            }
            try (PreparedStatement key = connection.prepareStatement(
                    "INSERT INTO family_key (subject_id, key_bytes, wrapped_by) VALUES (?, ?, ?)")) {
                for (JsonNode row : fixture.get("familyKeys")) {
                    key.setString(1, row.get("subjectId").asString());
                    key.setBytes(2, Base64.getDecoder().decode(row.get("keyBytes").asString()));
                    key.setString(3, row.get("wrappedBy").asString());
                    key.addBatch();
                }
                key.executeBatch();
            }
            try (PreparedStatement coach = connection.prepareStatement(
                    "INSERT INTO access_coach (coach_id, cluster) VALUES (?, ?)")) {
                for (JsonNode row : fixture.get("accessCoaches")) {
                    coach.setString(1, row.get("coachId").asString());
                    coach.setString(2, row.get("cluster").asString());
                    coach.addBatch();
                }
                coach.executeBatch();
            }
            try (PreparedStatement trajectory = connection.prepareStatement(
                    "INSERT INTO access_trajectory (trajectory_id, coach_id, open) VALUES (?, ?, ?)")) {
                for (JsonNode row : fixture.get("accessTrajectories")) {
                    trajectory.setString(1, row.get("trajectoryId").asString());
                    trajectory.setString(2, row.get("coachId").asString());
                    trajectory.setBoolean(3, row.get("open").asBoolean());
                    trajectory.addBatch();
                }
                trajectory.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Fixture could not be inserted", e);
        }
    }
}
