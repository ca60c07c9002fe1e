package nl.gezinscoaching.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import nl.gezinscoaching.platform.crypto.HmacKey;
import org.springframework.stereotype.Component;

/**
 * The hashes of the read audit's chain. An entry's hash is HMAC-SHA-256 with the chain key
 * ({@code platform.audit.chain-key}) over its chain position, its fields and the previous entry's hash: without the key
 * nobody can recompute the chain after removing or changing an entry. Entries written before the key
 * existed carry a plain SHA-256 (unkeyed) and are verified as such; the first keyed entry chains from the
 * last unkeyed one, so any change to the unkeyed part breaks that link. Anchors are signed with the same key.
 */
@Component
class AuditChain {

    static final String GENESIS = "0".repeat(64);
    static final String KEY_PROPERTY = "platform.audit.chain-key";

    private final HmacKey key;

    AuditChain(ReadAuditProperties properties) {
        this.key = HmacKey.fromBase64(KEY_PROPERTY, properties.chainKey());
    }

    /** What the chain covers of one read. */
    record Entry(long id, Instant readAt, String reader, String trajectoryId, String purpose) {
    }

    /** The keyed hash of the entry at this chain position, which follows {@code previous}. */
    String hash(String previous, long position, Entry entry) {
        return key.hex("read-audit entry v1\n" + position + "\n" + canonical(previous, entry));
    }

    /** The plain SHA-256 of an entry written before the chain was keyed. */
    static String unkeyedHash(String previous, Entry entry) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical(previous, entry).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String canonical(String previous, Entry entry) {
        return String.join("\n", previous, Long.toString(entry.id()),
                entry.readAt().truncatedTo(ChronoUnit.MICROS).toString(), entry.reader(), entry.trajectoryId(),
                entry.purpose());
    }

    /** The signature of an anchor's text. */
    String sign(String anchor) {
        return key.hex("read-audit anchor v1\n" + anchor);
    }

    boolean signatureMatches(String anchor, String signature) {
        return key.matches("read-audit anchor v1\n" + anchor, signature);
    }

    /** The signature of the boundary between the unkeyed entries and the keyed ones. */
    String signBoundary(long lastUnkeyedPosition, String lastUnkeyedHash) {
        return key.hex(boundary(lastUnkeyedPosition, lastUnkeyedHash));
    }

    boolean boundaryMatches(long lastUnkeyedPosition, String lastUnkeyedHash, String signature) {
        return key.matches(boundary(lastUnkeyedPosition, lastUnkeyedHash), signature);
    }

    private static String boundary(long lastUnkeyedPosition, String lastUnkeyedHash) {
        return "read-audit boundary v1\n" + lastUnkeyedPosition + "\n" + lastUnkeyedHash;
    }
}
