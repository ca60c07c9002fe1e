package nl.gezinscoaching.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.support.ViewClient;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A database whose read audit was written before the chain was keyed (plain SHA-256 entries) keeps a
 * verifiable chain: the old entries are checked as before and counted as unkeyed, new entries are keyed
 * and chain from the last old one.
 */
class ReadAuditUpgradeIT {

    @Test
    void unkeyedEntriesOfAnOlderDatabaseStayVerifiedAndTheKeyedChainContinuesFromThem() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(null, 0)) {
            String family = "upgrade-" + java.util.UUID.randomUUID();
            try (ConfigurableApplicationContext app = start(postgres)) {
                app.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Trajectory", family, 0,
                        new FamilyReferred(family, LocalDate.of(2026, 4, 1),
                                new Family(null, "Familie", "Laak", "nl", false, MigrationGeneration.NONE),
                                List.of(new Child("Kind", LocalDate.of(2016, 1, 1))), new Referrer("Arts", "JGZ"),
                                Set.of(ReferralReason.CHILD_SAFETY), false)));
            }
            // the database as the release before the keyed chain left it: V111 not applied, three plain entries
            JdbcClient jdbc = JdbcClient.create(postgres.getPostgresDatabase());
            jdbc.sql("DELETE FROM flyway_history_query WHERE version = '111'").update();
            jdbc.sql("DROP TABLE read_audit_boundary").update();
            jdbc.sql("DELETE FROM read_audit").update();
            jdbc.sql("DROP INDEX read_audit_chain, read_audit_unchained").update();
            jdbc.sql("ALTER TABLE read_audit DROP CONSTRAINT read_audit_chained, DROP COLUMN chain_position,"
                    + " ALTER COLUMN previous_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL").update();
            String previous = "0".repeat(64);
            for (int i = 0; i < 3; i++) {
                long id = jdbc.sql("SELECT nextval('read_audit_id_seq')").query(Long.class).single();
                Instant readAt = Instant.parse("2026-10-0" + (i + 1) + "T08:00:00.123456Z");
                String hash = oldHash(previous, id, readAt, "mila", family, "history");
                jdbc.sql("""
                        INSERT INTO read_audit (id, read_at, reader, trajectory_id, purpose, previous_hash, hash)
                        VALUES (?, ?, 'mila', ?, 'history', ?, ?)""")
                        .params(id, Timestamp.from(readAt), family, previous, hash).update();
                previous = hash;
            }
            String lastOldHash = previous;

            try (ConfigurableApplicationContext app = start(postgres)) {
                ViewClient admin = new ViewClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
                JsonNode upgraded = admin.json("/api/admin/read-audit/verification");
                assertThat(upgraded.get("intact").asBoolean()).isTrue();
                assertThat(upgraded.get("entries").asLong()).isEqualTo(3);
                assertThat(upgraded.get("unkeyedEntries").asLong()).isEqualTo(3);

                admin.json("/api/trajectories/" + family + "/history");
                JsonNode continued = awaitChained(admin);
                assertThat(continued.get("intact").asBoolean()).isTrue();
                assertThat(continued.get("entries").asLong()).isEqualTo(4);
                assertThat(continued.get("unkeyedEntries").asLong()).isEqualTo(3);
                var newest = jdbc.sql("SELECT id, chain_position, read_at, reader, purpose, previous_hash FROM read_audit"
                        + " ORDER BY chain_position DESC LIMIT 1").query().singleRow();
                assertThat(newest.get("chain_position")).isEqualTo(4L);
                assertThat(newest.get("previous_hash")).isEqualTo(lastOldHash);
                long newestId = (Long) newest.get("id");

                // an unkeyed entry can still not be changed unnoticed
                long firstId = jdbc.sql("SELECT min(id) FROM read_audit").query(Long.class).single();
                jdbc.sql("UPDATE read_audit SET reader = 'nobody' WHERE id = ?").param(firstId).update();
                assertThat(admin.json("/api/admin/read-audit/verification").get("firstBrokenEntryId").asLong())
                        .isEqualTo(firstId);
                jdbc.sql("UPDATE read_audit SET reader = 'mila' WHERE id = ?").param(firstId).update();

                // nor can a keyed entry be recomputed as an old, unkeyed one, nor the boundary be moved
                String keyedHash = jdbc.sql("SELECT hash FROM read_audit WHERE id = ?").param(newestId)
                        .query(String.class).single();
                String forged = oldHash(lastOldHash, newestId, ((Timestamp) newest.get("read_at")).toInstant(),
                        (String) newest.get("reader"), family, (String) newest.get("purpose"));
                jdbc.sql("UPDATE read_audit SET hash = ? WHERE id = ?").params(forged, newestId).update();
                assertThat(admin.json("/api/admin/read-audit/verification").get("firstBrokenEntryId").asLong())
                        .isEqualTo(newestId);
                jdbc.sql("UPDATE read_audit_boundary SET last_unkeyed_position = 4, last_unkeyed_hash = ?")
                        .params(forged).update();
                JsonNode moved = admin.json("/api/admin/read-audit/verification");
                assertThat(moved.get("intact").asBoolean()).isFalse();
                assertThat(moved.get("problems").get(0).get("problem").asString()).isEqualTo("unkeyed-boundary-invalid");

                jdbc.sql("UPDATE read_audit SET hash = ? WHERE id = ?").params(keyedHash, newestId).update();
                jdbc.sql("DELETE FROM read_audit_boundary").update();
                assertThat(admin.json("/api/admin/read-audit/verification").get("intact").asBoolean()).isFalse();
            }
        }
    }

    private static JsonNode awaitChained(ViewClient admin) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode verification = admin.json("/api/admin/read-audit/verification");
        while (verification.get("pendingEntries").asLong() > 0) {
            assertThat(Instant.now()).as("chainer caught up").isBefore(deadline);
            Thread.sleep(25);
            verification = admin.json("/api/admin/read-audit/verification");
        }
        return verification;
    }

    /** The entry hash of the release before the keyed chain. */
    private static String oldHash(String previous, long id, Instant readAt, String reader, String trajectoryId,
                                  String purpose) throws Exception {
        String canonical = String.join("\n", previous, Long.toString(id), readAt.toString(), reader, trajectoryId,
                purpose);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static ConfigurableApplicationContext start(EmbeddedPostgres postgres) {
        return new SpringApplicationBuilder(QueryServiceApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }
}
