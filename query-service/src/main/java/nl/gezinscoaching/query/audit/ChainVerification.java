package nl.gezinscoaching.query.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verifies the read audit: walks the whole chain in position order (streamed through a cursor, not loaded
 * at once), recomputes every entry's hash (keyed, or plain SHA-256 for the unkeyed entries from before the
 * chain key, up to the signed boundary) and its link to the one before, and compares the chain with every
 * anchor in the anchor file. Entries the chainer has not reached yet are counted as pending: recorded, but
 * not yet protected by the chain.
 */
@Component
class ChainVerification {

    private final JdbcTemplate jdbc;
    private final AuditChain chain;
    private final ChainAnchors anchors;
    private final Clock clock;

    ChainVerification(DataSource dataSource, AuditChain chain, ChainAnchors anchors, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.chain = chain;
        this.anchors = anchors;
        this.clock = clock;
    }

    /**
     * @param intact             no broken entry and no problem
     * @param entries            entries in the chain
     * @param pendingEntries     entries recorded but not chained yet (the chainer runs every
     *                           {@code platform.audit.chain-interval}); not verified
     * @param oldestPendingAt    when the oldest pending entry was read, if any: a time long past means the
     *                           chainer does not run
     * @param unkeyedEntries     entries from before the chain key (plain SHA-256), verified as such
     * @param firstBrokenEntryId the first entry whose hash or link does not match
     * @param anchorFile         whether an anchor file is configured (without one, no anchor is compared)
     * @param anchorsChecked     valid anchors compared with the chain
     * @param problems           anchors the chain does not match, lines of the anchor file that are no
     *                           valid anchor, and a boundary of the unkeyed entries that does not hold
     */
    public record Verification(boolean intact, long entries, long pendingEntries, Instant oldestPendingAt,
                               long unkeyedEntries, Long firstBrokenEntryId, boolean anchorFile, int anchorsChecked,
                               List<Problem> problems, Instant checkedAt) {
    }

    /**
     * @param anchorLine the anchor file's line, for problems with an anchor
     * @param entryId    the entry concerned, if any
     * @param problem    {@code anchored-entry-differs} (the chain up to the anchored entry was rewritten:
     *                   its hash or position differs), {@code anchored-entry-missing} (the entry was removed),
     *                   {@code chain-truncated} (the chain ends before the anchored position),
     *                   {@code anchor-signature-invalid} or {@code anchor-unreadable} (the line is no anchor
     *                   this service signed), {@code unkeyed-boundary-invalid} (the record of where the
     *                   unkeyed entries end is missing, not signed with the chain key, or does not match the chain)
     */
    public record Problem(Integer anchorLine, Long entryId, String problem) {
    }

    private record Boundary(long lastUnkeyedPosition, String lastUnkeyedHash, boolean valid) {
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Verification verify() {
        Instant checkedAt = clock.instant();
        // the anchors first: an anchor taken after this point names an entry the chain below already holds
        ChainAnchors.Anchors anchored = readAnchors();
        Map<Long, List<ChainAnchors.Anchor>> byEntry = new HashMap<>();
        anchored.valid().forEach(anchor -> byEntry.computeIfAbsent(anchor.entryId(), id -> new ArrayList<>()).add(anchor));
        List<Problem> problems = new ArrayList<>();
        anchored.rejected().forEach(rejected -> problems.add(new Problem(rejected.line(), null, rejected.problem())));

        Boundary boundary = boundary();
        if (!boundary.valid()) {
            problems.add(new Problem(null, null, "unkeyed-boundary-invalid"));
        }
        Walk walk = new Walk(boundary);
        jdbc.query("""
                SELECT id, chain_position, read_at, reader, trajectory_id, purpose, previous_hash, hash FROM read_audit
                ORDER BY chain_position NULLS LAST""",
                (RowCallbackHandler) row -> {
                    AuditChain.Entry entry = new AuditChain.Entry(row.getLong("id"), row.getTimestamp("read_at").toInstant(),
                            row.getString("reader"), row.getString("trajectory_id"), row.getString("purpose"));
                    long position = row.getLong("chain_position");
                    if (row.wasNull()) {
                        walk.pending(entry);
                        return;
                    }
                    String hash = row.getString("hash");
                    walk.next(entry, position, row.getString("previous_hash"), hash);
                    for (ChainAnchors.Anchor anchor : byEntry.getOrDefault(entry.id(), List.of())) {
                        if (anchor.position() != position || !anchor.hash().equals(hash)) {
                            problems.add(new Problem(anchor.line(), anchor.entryId(), "anchored-entry-differs"));
                        }
                    }
                    byEntry.remove(entry.id());
                });
        byEntry.values().stream().flatMap(List::stream).forEach(anchor -> problems.add(new Problem(anchor.line(),
                anchor.entryId(), anchor.position() > walk.lastPosition ? "chain-truncated" : "anchored-entry-missing")));
        if (boundary.valid() && boundary.lastUnkeyedPosition() > walk.lastPosition) {
            problems.add(new Problem(null, null, "unkeyed-boundary-invalid"));
        }
        problems.sort(Comparator.comparing(Problem::anchorLine, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Verification(walk.firstBroken == null && problems.isEmpty(), walk.entries, walk.pending,
                walk.oldestPending, walk.unkeyed, walk.firstBroken, anchored.fileConfigured(), anchored.valid().size(),
                problems, checkedAt);
    }

    /** Where the unkeyed entries end; without a valid record, every entry must be keyed. */
    private Boundary boundary() {
        List<Boundary> rows = jdbc.query(
                "SELECT last_unkeyed_position, last_unkeyed_hash, signature FROM read_audit_boundary",
                (row, i) -> new Boundary(row.getLong(1), row.getString(2),
                        chain.boundaryMatches(row.getLong(1), row.getString(2), row.getString(3))));
        return rows.size() == 1 && rows.get(0).valid() ? rows.get(0) : new Boundary(0, AuditChain.GENESIS, false);
    }

    private ChainAnchors.Anchors readAnchors() {
        try {
            return anchors.read();
        } catch (IOException e) {
            throw new UncheckedIOException("The anchor file cannot be read", e);
        }
    }

    /** The state of one walk along the chain. */
    private final class Walk {
        private final Boundary boundary;
        long entries;
        long pending;
        Instant oldestPending;
        long unkeyed;
        long lastPosition;
        Long firstBroken;
        private String expectedPrevious = AuditChain.GENESIS;

        Walk(Boundary boundary) {
            this.boundary = boundary;
        }

        void next(AuditChain.Entry entry, long position, String previous, String hash) {
            entries++;
            boolean keyed = position > boundary.lastUnkeyedPosition();
            if (!keyed) {
                unkeyed++;
            }
            boolean valid = position == lastPosition + 1 && previous.equals(expectedPrevious)
                    && hash.equals(keyed ? chain.hash(previous, position, entry) : AuditChain.unkeyedHash(previous, entry));
            if (position == boundary.lastUnkeyedPosition()) {
                valid &= hash.equals(boundary.lastUnkeyedHash());
            }
            if (!valid && firstBroken == null) {
                firstBroken = entry.id();
            }
            lastPosition = position;
            expectedPrevious = hash;
        }

        void pending(AuditChain.Entry entry) {
            pending++;
            if (oldestPending == null || entry.readAt().isBefore(oldestPending)) {
                oldestPending = entry.readAt();
            }
        }
    }
}
