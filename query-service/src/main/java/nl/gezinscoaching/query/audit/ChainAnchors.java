package nl.gezinscoaching.query.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gezinscoaching.api.files.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Anchors the read audit's chain outside the database: at intervals the head (the newest chained entry's
 * id, position and hash) is signed with the chain key and written as one line to the log and appended to the anchor file
 * ({@code platform.audit.anchor-file}), which the operator keeps where the database's users cannot change it.
 * An entry removed before an anchored head, a chain recomputed even with the key, or a chain truncated
 * below an anchor no longer matches the anchor. The line carries no personal data:
 * <pre>read-audit anchor: entry=&lt;id&gt; position=&lt;n&gt; hash=&lt;hex&gt; at=&lt;instant&gt; signature=&lt;hex&gt;</pre>
 */
@Component
class ChainAnchors {

    static final String PREFIX = "read-audit anchor: ";
    private static final Pattern LINE = Pattern.compile(
            "read-audit anchor: (entry=(\\d+) position=(\\d+) hash=([0-9a-f]{64}) at=(\\S+)) signature=([0-9a-f]{64})");
    private static final Logger log = LoggerFactory.getLogger(ChainAnchors.class);

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final Clock clock;
    private final Path file;
    private volatile long lastAnchoredPosition = -1;

    ChainAnchors(JdbcClient jdbc, AuditChain chain, Clock clock, ReadAuditProperties properties) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.clock = clock;
        this.file = properties.anchorFile();
    }

    /** An anchor as read back: its entry, the entry's position and hash, when it was taken, and where in the file. */
    record Anchor(long entryId, long position, String hash, Instant at, int line) {
    }

    /** A line of the anchor file that is not a valid anchor: unreadable, or its signature does not match. */
    record Rejected(int line, String problem) {
    }

    private record Head(long id, long position, String hash) {
    }

    record Anchors(boolean fileConfigured, List<Anchor> valid, List<Rejected> rejected) {
    }

    /**
     * Anchors the current head of the chain (entries still pending are not in it yet), unless it is the one
     * anchored last; returns the line written. A failure to append to the file is logged and retried at the
     * next interval.
     */
    Optional<String> anchor() {
        Optional<Head> newest = jdbc.sql("""
                        SELECT id, chain_position, hash FROM read_audit WHERE chain_position IS NOT NULL
                        ORDER BY chain_position DESC LIMIT 1""")
                .query((row, i) -> new Head(row.getLong("id"), row.getLong("chain_position"), row.getString("hash")))
                .optional();
        if (newest.isEmpty() || newest.get().position() == lastAnchoredPosition) {
            return Optional.empty();
        }
        String text = "entry=%d position=%d hash=%s at=%s".formatted(newest.get().id(), newest.get().position(),
                newest.get().hash(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        String line = PREFIX + text + " signature=" + chain.sign(text);
        log.info("{}", line);
        if (file != null) {
            try {
                append(line);
            } catch (IOException e) {
                log.error("The read-audit anchor could not be appended to {}: {}", file, e.toString());
                return Optional.of(line);
            }
        }
        lastAnchoredPosition = newest.get().position();
        return Optional.of(line);
    }

    private void append(String line) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (FileChannel channel = PrivateFiles.openOwnerOnly(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    /** Every anchor in the anchor file, the ones whose signature matches and the others. */
    Anchors read() throws IOException {
        if (file == null) {
            return new Anchors(false, List.of(), List.of());
        }
        List<Anchor> valid = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Anchors(true, valid, rejected);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            Matcher matcher = LINE.matcher(text.strip());
            if (!matcher.matches()) {
                rejected.add(new Rejected(i + 1, "anchor-unreadable"));
                continue;
            }
            if (!chain.signatureMatches(matcher.group(1), matcher.group(6))) {
                rejected.add(new Rejected(i + 1, "anchor-signature-invalid"));
                continue;
            }
            try {
                valid.add(new Anchor(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)), matcher.group(4),
                        Instant.parse(matcher.group(5)), i + 1));
            } catch (NumberFormatException | DateTimeParseException e) {
                rejected.add(new Rejected(i + 1, "anchor-unreadable"));
            }
        }
        return new Anchors(true, valid, rejected);
    }
}
