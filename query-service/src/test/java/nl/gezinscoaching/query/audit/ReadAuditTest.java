package nl.gezinscoaching.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.query.support.FixedClockConfiguration;
import nl.gezinscoaching.query.support.ViewClient;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Reads of a family's history are recorded in a hash chain that shows any tampering. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FixedClockConfiguration.class)
class ReadAuditTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private String aFamily() {
        String id = "audit-" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Trajectory", id, 0, new FamilyReferred(id,
                LocalDate.of(2026, 4, 1), new Family(null, "Familie", "Laak", "nl", false, MigrationGeneration.NONE),
                List.of(new Child("Kind", LocalDate.of(2016, 1, 1))), new Referrer("Arts", "JGZ"),
                Set.of(ReferralReason.CHILD_SAFETY), false)));
        return id;
    }

    private JsonNode verification() {
        return new ViewClient(port).json("/api/admin/read-audit/verification");
    }

    @Test
    void everyReadOfAHistoryIsListedForManagersNewestFirst() {
        String family = aFamily();
        String other = aFamily();
        ViewClient mila = new ViewClient(port, "mila", "mila");
        mila.json("/api/trajectories/" + family + "/history");
        new ViewClient(port).get("/api/trajectories/" + family + "/history", "text/csv");
        mila.json("/api/trajectories/" + other + "/history");
        assertThat(mila.get("/api/trajectories/no-such-family/history", "application/json").status()).isEqualTo(404);

        JsonNode reads = mila.json("/api/families/" + family + "/reads").get("reads");
        assertThat(reads.size()).isEqualTo(2);
        assertThat(reads.get(0).get("reader").asString()).isEqualTo("admin");
        assertThat(reads.get(0).get("purpose").asString()).isEqualTo("history.csv");
        assertThat(reads.get(1).get("reader").asString()).isEqualTo("mila");
        assertThat(reads.get(1).get("purpose").asString()).isEqualTo("history");
        assertThat(reads.get(1).get("readAt").asString()).startsWith("2026-11-22T");
        assertThat(mila.json("/api/families/no-such-family/reads").get("reads").size()).isZero();
        assertThat(mila.get("/api/families/" + family + "/reads", "text/csv").body().lines())
                .first().isEqualTo("\"readAt\",\"reader\",\"purpose\"");
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aChangedEntryIsDetected() {
        String family = aFamily();
        ViewClient admin = new ViewClient(port);
        for (int i = 0; i < 3; i++) {
            admin.json("/api/trajectories/" + family + "/history");
        }
        long middle = jdbc.sql("SELECT id FROM read_audit WHERE trajectory_id = ? ORDER BY id OFFSET 1 LIMIT 1")
                .param(family).query(Long.class).single();
        jdbc.sql("UPDATE read_audit SET reader = 'nobody' WHERE id = ?").param(middle).update();
        try {
            JsonNode broken = verification();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenEntryId").asLong()).isEqualTo(middle);
        } finally {
            jdbc.sql("UPDATE read_audit SET reader = 'admin' WHERE id = ?").param(middle).update();
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRemovedEntryIsDetectedAtTheNextOne() {
        String family = aFamily();
        ViewClient admin = new ViewClient(port);
        for (int i = 0; i < 3; i++) {
            admin.json("/api/trajectories/" + family + "/history");
        }
        List<Long> ids = jdbc.sql("SELECT id FROM read_audit WHERE trajectory_id = ? ORDER BY id")
                .param(family).query(Long.class).list();
        var removed = jdbc.sql("SELECT * FROM read_audit WHERE id = ?").param(ids.get(1)).query().singleRow();
        jdbc.sql("DELETE FROM read_audit WHERE id = ?").param(ids.get(1)).update();
        try {
            JsonNode broken = verification();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenEntryId").asLong()).isEqualTo(ids.get(2));
        } finally {
            jdbc.sql("""
                    INSERT INTO read_audit (id, read_at, reader, trajectory_id, purpose, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(removed.get("id"), removed.get("read_at"), removed.get("reader"), removed.get("trajectory_id"),
                            removed.get("purpose"), removed.get("previous_hash"), removed.get("hash"))
                    .update();
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void concurrentReadsChainOneAfterAnother() throws Exception {
        String family = aFamily();
        long before = jdbc.sql("SELECT count(*) FROM read_audit").query(Long.class).single();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(readers.submit(() -> {
                    ViewClient client = new ViewClient(port, "mila", "mila");
                    for (int i = 0; i < 10; i++) {
                        client.json("/api/trajectories/" + family + "/history");
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM read_audit").query(Long.class).single()).isEqualTo(before + 80);
        JsonNode verification = verification();
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("entries").asLong()).isEqualTo(before + 80);
    }
}
