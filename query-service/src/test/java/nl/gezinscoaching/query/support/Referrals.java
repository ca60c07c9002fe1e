package nl.gezinscoaching.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Referrals appended straight to the event store, on a connection the test controls (so it decides when each
 * commits), and the facts' trajectory rows they should become.
 */
public final class Referrals {

    private static final ObjectMapper JSON = AxonJdbcAutoConfiguration.storageObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final JdbcClient jdbc;

    public Referrals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a trajectory's referral on the connection (committed when it commits); its global index. */
    public static long append(Connection connection, String trajectoryId) throws Exception {
        FamilyReferred event = new FamilyReferred(trajectoryId, LocalDate.of(2026, 1, 5),
                new Family(null, "Familie Gap", "Escamp", "nl", false, MigrationGeneration.NONE),
                List.of(new Child("Kind", LocalDate.of(2015, 1, 1))), new Referrer("Arts", "JGZ"),
                Set.of(ReferralReason.CHILD_SAFETY), false);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'Trajectory', ?, ?, '1', ?, ?) RETURNING global_index""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, trajectoryId);
            insert.setString(3, Instant.now().toString());
            insert.setString(4, FamilyReferred.class.getName());
            insert.setBytes(5, JSON.writeValueAsBytes(event));
            insert.setBytes(6, "{\"recordedBy\":\"gap-test\"}".getBytes(StandardCharsets.UTF_8));
            try (var result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    public boolean projected(String trajectoryId) {
        return jdbc.sql("SELECT count(*) FROM rm_trajectory WHERE trajectory_id = ?").param(trajectoryId)
                .query(Long.class).single() == 1;
    }

    public void awaitProjected(String trajectoryId) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (projected(trajectoryId)) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(trajectoryId + " was not projected within " + DEADLINE);
    }
}
