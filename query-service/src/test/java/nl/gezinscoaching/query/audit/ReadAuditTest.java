package nl.gezinscoaching.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Reads of a family's history are recorded at once and chained in the background into a keyed hash chain,
 * anchored outside the database, that shows any tampering. The tests wait for the scheduled chainer by
 * polling with a deadline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FixedClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ReadAuditTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ChainAnchors anchors;

    @Autowired
    AuditChain auditChain;

    @Autowired
    ReadAuditProperties properties;

    @Autowired
    Environment environment;

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

    /** Waits until the chainer has chained every committed entry; the verification then. */
    private JsonNode awaitChained() throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode verification = verification();
        while (verification.get("pendingEntries").asLong() > 0) {
            assertThat(Instant.now()).as("chainer caught up: " + verification).isBefore(deadline);
            Thread.sleep(25);
            verification = verification();
        }
        return verification;
    }

    /** Reads of a fresh family, chained; the ids of their entries. */
    private List<Long> reads(int count) throws InterruptedException {
        String family = aFamily();
        ViewClient admin = new ViewClient(port);
        for (int i = 0; i < count; i++) {
            admin.json("/api/trajectories/" + family + "/history");
        }
        assertThat(awaitChained().get("intact").asBoolean()).isTrue();
        return jdbc.sql("SELECT id FROM read_audit WHERE trajectory_id = ? ORDER BY chain_position").param(family)
                .query(Long.class).list();
    }

    private long positionOf(long id) {
        return jdbc.sql("SELECT chain_position FROM read_audit WHERE id = ?").param(id).query(Long.class).single();
    }

    /** The chain from this entry on, as stored, to put back after tampering. */
    private List<Map<String, Object>> chainFrom(long id) {
        return jdbc.sql("SELECT * FROM read_audit WHERE chain_position >= ? ORDER BY chain_position")
                .param(positionOf(id)).query().listOfRows();
    }

    private void restore(List<Map<String, Object>> rows) {
        jdbc.sql("DELETE FROM read_audit WHERE chain_position >= ?").param(rows.get(0).get("chain_position")).update();
        for (Map<String, Object> row : rows) {
            jdbc.sql("""
                    INSERT INTO read_audit (id, read_at, reader, trajectory_id, purpose, chain_position, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(row.get("id"), row.get("read_at"), row.get("reader"), row.get("trajectory_id"),
                            row.get("purpose"), row.get("chain_position"), row.get("previous_hash"), row.get("hash"))
                    .update();
        }
    }

    /** How an attacker recomputes an entry's hash: with the key, or without it. */
    private interface Rehash {
        String hash(String previous, long position, AuditChain.Entry entry);
    }

    /**
     * Deletes one entry and makes the chain look whole again: every later entry moves up one position and
     * gets its link and hash recomputed.
     */
    private void deleteAndRechain(long deleted, Rehash rehash) {
        long position = positionOf(deleted);
        String previous = jdbc.sql("SELECT previous_hash FROM read_audit WHERE id = ?").param(deleted)
                .query(String.class).single();
        jdbc.sql("DELETE FROM read_audit WHERE id = ?").param(deleted).update();
        for (Map<String, Object> row : jdbc.sql("SELECT * FROM read_audit WHERE chain_position > ? ORDER BY chain_position")
                .param(position).query().listOfRows()) {
            AuditChain.Entry entry = new AuditChain.Entry((Long) row.get("id"), ((Timestamp) row.get("read_at")).toInstant(),
                    (String) row.get("reader"), (String) row.get("trajectory_id"), (String) row.get("purpose"));
            String recomputed = rehash.hash(previous, position, entry);
            jdbc.sql("UPDATE read_audit SET chain_position = ?, previous_hash = ?, hash = ? WHERE id = ?")
                    .params(position, previous, recomputed, entry.id()).update();
            previous = recomputed;
            position++;
        }
    }

    private static List<String> problems(JsonNode verification) {
        List<String> problems = new ArrayList<>();
        verification.get("problems").forEach(p -> problems.add(p.get("problem").asString() + "@" + p.get("entryId")));
        return problems;
    }

    @Test
    void everyReadOfAHistoryIsListedForManagersNewestFirst() throws Exception {
        String family = aFamily();
        String other = aFamily();
        ViewClient mila = new ViewClient(port, "mila", "mila");
        mila.json("/api/trajectories/" + family + "/history");
        new ViewClient(port).get("/api/trajectories/" + family + "/history", "text/csv");
        mila.json("/api/trajectories/" + other + "/history");
        assertThat(mila.get("/api/trajectories/no-such-family/history", "application/json").status()).isEqualTo(404);

        // listed as soon as the reads have answered, chained or not
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
        assertThat(awaitChained().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aChangedEntryIsDetected() throws Exception {
        long middle = reads(3).get(1);
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
    void aRemovedEntryIsDetectedAtTheNextOne() throws Exception {
        List<Long> ids = reads(3);
        List<Map<String, Object>> original = chainFrom(ids.get(1));
        jdbc.sql("DELETE FROM read_audit WHERE id = ?").param(ids.get(1)).update();
        try {
            JsonNode broken = verification();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenEntryId").asLong()).isEqualTo(ids.get(2));
        } finally {
            restore(original);
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aChainRecomputedWithoutTheKeyIsDetected() throws Exception {
        List<Long> ids = reads(3);
        List<Map<String, Object>> original = chainFrom(ids.get(1));
        // what was enough before the chain was keyed: remove an entry and recompute the rest with SHA-256
        deleteAndRechain(ids.get(1), (previous, position, entry) -> AuditChain.unkeyedHash(previous, entry));
        try {
            JsonNode broken = verification();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenEntryId").asLong()).isEqualTo(ids.get(2));
        } finally {
            restore(original);
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void anEntryRemovedBeforeAnAnchoredHeadIsReportedEvenWhenTheChainIsRecomputedWithTheKey() throws Exception {
        List<Long> ids = reads(3);
        String line = anchors.anchor().orElseThrow();
        assertThat(line).contains("entry=" + ids.get(2) + " ");
        List<Map<String, Object>> original = chainFrom(ids.get(1));
        // someone who has the database and the chain key: the chain itself is consistent again
        deleteAndRechain(ids.get(1), auditChain::hash);
        try {
            JsonNode broken = verification();
            assertThat(broken.get("firstBrokenEntryId").isNull()).isTrue();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(problems(broken)).containsExactly("anchored-entry-differs@" + ids.get(2));
        } finally {
            restore(original);
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aChainTruncatedBelowTheLatestAnchorIsReported() throws Exception {
        List<Long> ids = reads(2);
        anchors.anchor().orElseThrow();
        List<Map<String, Object>> original = chainFrom(ids.get(0));
        jdbc.sql("DELETE FROM read_audit WHERE chain_position >= ?").param(positionOf(ids.get(0))).update();
        try {
            JsonNode truncated = verification();
            assertThat(truncated.get("firstBrokenEntryId").isNull()).isTrue();
            assertThat(truncated.get("intact").asBoolean()).isFalse();
            assertThat(problems(truncated)).contains("chain-truncated@" + ids.get(1));
        } finally {
            restore(original);
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void theHeadIsSignedIntoTheLogAndAppendedToTheAnchorFile(CapturedOutput output) throws Exception {
        List<Long> ids = reads(1);
        var head = jdbc.sql("SELECT chain_position, hash FROM read_audit ORDER BY chain_position DESC LIMIT 1")
                .query().singleRow();

        String line = anchors.anchor().orElseThrow();

        Matcher anchor = Pattern.compile(
                "read-audit anchor: (entry=(\\d+) position=(\\d+) hash=(\\w+) at=(\\S+)) signature=(\\w+)").matcher(line);
        assertThat(anchor.matches()).isTrue();
        assertThat(anchor.group(2)).isEqualTo(ids.get(0).toString());
        assertThat(anchor.group(3)).isEqualTo(head.get("chain_position").toString());
        assertThat(anchor.group(4)).isEqualTo(head.get("hash"));
        assertThat(anchor.group(5)).isEqualTo("2026-11-22T09:00:00Z");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(environment.getProperty("platform.audit.chain-key")),
                "HmacSHA256"));
        assertThat(anchor.group(6)).isEqualTo(HexFormat.of().formatHex(
                mac.doFinal(("read-audit anchor v1\n" + anchor.group(1)).getBytes(StandardCharsets.UTF_8))));
        assertThat(output.getOut()).contains(line);
        List<String> file = Files.readAllLines(properties.anchorFile());
        assertThat(file).last().isEqualTo(line);

        // nothing new read: the same head is not anchored twice
        assertThat(anchors.anchor()).isEmpty();
        assertThat(Files.readAllLines(properties.anchorFile())).hasSameSizeAs(file);
        JsonNode verification = verification();
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("anchorFile").asBoolean()).isTrue();
        assertThat(verification.get("anchorsChecked").asInt()).isPositive();
    }

    @Test
    void anAnchorThatThisServiceDidNotSignIsReported() throws Exception {
        List<Long> ids = reads(1);
        var head = jdbc.sql("SELECT chain_position, hash FROM read_audit WHERE id = ?").param(ids.get(0)).query().singleRow();
        List<String> before = Files.exists(properties.anchorFile()) ? Files.readAllLines(properties.anchorFile()) : List.of();
        Files.createDirectories(properties.anchorFile().getParent());
        Files.writeString(properties.anchorFile(),
                "read-audit anchor: entry=%d position=%s hash=%s at=2026-11-22T09:00:00Z signature=%s\n"
                        .formatted(ids.get(0), head.get("chain_position"), head.get("hash"), "0".repeat(64)),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        try {
            JsonNode verification = verification();
            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(problems(verification)).containsExactly("anchor-signature-invalid@null");
        } finally {
            Files.write(properties.anchorFile(), before);
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aHistoryReadDoesNotWaitForTheChain() throws Exception {
        String family = aFamily();
        ViewClient admin = new ViewClient(port);
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            // the chain's lock held elsewhere: by a chainer on another instance, or, before, by another read
            lock.execute("SELECT pg_advisory_lock(" + ReadAuditChainer.CHAIN_LOCK + ")");
            CompletableFuture<ViewClient.Answer> read = CompletableFuture.supplyAsync(
                    () -> admin.get("/api/trajectories/" + family + "/history", "application/json"));

            assertThat(read.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            JsonNode waiting = verification();
            assertThat(waiting.get("intact").asBoolean()).isTrue();
            assertThat(waiting.get("pendingEntries").asLong()).isPositive();
            assertThat(waiting.get("oldestPendingAt").asString()).isEqualTo("2026-11-22T09:00:00Z");
            lock.execute("SELECT pg_advisory_unlock(" + ReadAuditChainer.CHAIN_LOCK + ")");
        }
        JsonNode chained = awaitChained();
        assertThat(chained.get("intact").asBoolean()).isTrue();
        assertThat(chained.get("pendingEntries").asLong()).isZero();
    }

    @Test
    void entriesAreChainedInTheOrderTheyCommitNotInIdOrder() throws Exception {
        String family = aFamily();
        long slowId;
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            // a read whose transaction took its id first but commits last
            try (PreparedStatement insert = slow.prepareStatement("""
                    INSERT INTO read_audit (read_at, reader, trajectory_id, purpose)
                    VALUES (now(), 'slow', ?, 'history') RETURNING id""")) {
                insert.setString(1, family);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    slowId = row.getLong(1);
                }
            }
            new ViewClient(port).json("/api/trajectories/" + family + "/history");
            long fastId = jdbc.sql("SELECT max(id) FROM read_audit WHERE trajectory_id = ?").param(family)
                    .query(Long.class).single();
            assertThat(fastId).isGreaterThan(slowId);
            awaitChained();
            long fastPosition = positionOf(fastId);

            slow.commit();
            awaitChained();
            assertThat(positionOf(slowId)).isGreaterThan(fastPosition);
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aReadThatCannotBeRecordedFails() {
        String family = aFamily();
        jdbc.sql("ALTER TABLE read_audit ADD CONSTRAINT refuse_mila CHECK (reader <> 'mila') NOT VALID").update();
        try {
            ViewClient.Answer refused = new ViewClient(port, "mila", "mila")
                    .get("/api/trajectories/" + family + "/history", "application/json");
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.body()).doesNotContain("Laak");
        } finally {
            jdbc.sql("ALTER TABLE read_audit DROP CONSTRAINT refuse_mila").update();
        }
    }

    @Test
    void concurrentReadsAreAllChained() throws Exception {
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
        JsonNode verification = awaitChained();
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("entries").asLong()).isEqualTo(before + 80);
    }
}
