package nl.gezinscoaching.command.trajectory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.platform.crypto.FieldCipher;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.flywaydb.core.api.migration.Context;
import nl.gezinscoaching.platform.database.SpringJavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration V103 of the command service: the client-number digests that databases from before the
 * reference key hold (plain SHA-256, which a copy of the database gives away by hashing every possible
 * number) become keyed digests ({@link ReferenceDigests}); afterwards no unkeyed digest is left.
 * <ul>
 *   <li>an open trajectory's digest is recomputed from the client number in its {@link FamilyReferred}
 *       event, decrypted with the family's key;</li>
 *   <li>a closed trajectory's digest is deleted: no lookup reads it (closing now deletes it too);</li>
 *   <li>a digest whose number cannot be read any more (the family's key was erased, or the event is
 *       missing) is deleted: it cannot be recomputed, and an unkeyed one must not stay.</li>
 * </ul>
 * A Spring bean, so that Flyway runs it with the service's keys, once, in its own transaction and under
 * Flyway's lock, before anything reads the table. It reads the event's stored JSON rather than the event
 * class, so later changes of the class do not change what it reads.
 */
@Component
class KeyedReferenceDigestsMigration extends SpringJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(KeyedReferenceDigestsMigration.class);

    private final ReferenceDigests digests;
    private final FieldCipher cipher;
    private final ObjectMapper json = AxonJdbcAutoConfiguration.storageObjectMapper();

    KeyedReferenceDigestsMigration(ReferenceDigests digests, FieldCipher cipher) {
        super("103", "keyed reference digests");
        this.digests = digests;
        this.cipher = cipher;
    }

    private record Row(String trajectoryId, boolean open, byte[] payload) {
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT r.trajectory_id, r.open, e.payload
                FROM family_reference r
                LEFT JOIN domain_event_entry e ON e.aggregate_identifier = r.trajectory_id AND e.payload_type = ?""")) {
            select.setString(1, FamilyReferred.class.getName());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getBoolean(2), result.getBytes(3)));
                }
            }
        }
        int recomputed = 0;
        int deleted = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE family_reference SET reference_digest = ? WHERE trajectory_id = ?");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM family_reference WHERE trajectory_id = ?")) {
            for (Row row : rows) {
                Optional<String> reference = row.open() ? reference(row.payload()) : Optional.empty();
                if (reference.isPresent()) {
                    update.setString(1, digests.of(reference.get()));
                    update.setString(2, row.trajectoryId());
                    update.addBatch();
                    recomputed++;
                } else {
                    delete.setString(1, row.trajectoryId());
                    delete.addBatch();
                    deleted++;
                }
            }
            update.executeBatch();
            delete.executeBatch();
        }
        log.info("Client-number digests: {} recomputed with the reference key, {} deleted (closed, or their"
                + " number could not be read)", recomputed, deleted);
    }

    /** The client number in a stored FamilyReferred payload; empty when absent or its key was erased. */
    private Optional<String> reference(byte[] payload) throws Exception {
        if (payload == null) {
            return Optional.empty();
        }
        JsonNode reference = json.readTree(payload).path("family").path("reference");
        if (!reference.isTextual()) {
            return Optional.empty();
        }
        if (!FieldCipher.isEncrypted(reference.textValue())) {
            return Optional.of(reference.textValue()); // stored before personal fields were encrypted
        }
        Optional<byte[]> plaintext = cipher.decrypt(reference.textValue());
        return plaintext.isEmpty() ? Optional.empty() : Optional.ofNullable(json.readValue(plaintext.get(), String.class));
    }
}
