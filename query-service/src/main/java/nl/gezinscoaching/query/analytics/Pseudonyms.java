package nl.gezinscoaching.query.analytics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The analysts' pseudonyms: HMAC-SHA-256 with {@code analytics.pseudonym-key} (kept outside the database),
 * the first 16 bytes in hex. The same key gives the same pseudonyms in every export (the durations and the
 * event export agree on a trajectory's), another key pseudonyms that cannot be linked to these. Ids of
 * other kinds are prefixed with their kind, so a coach's pseudonym never equals a trajectory's.
 */
@Component
public class Pseudonyms {

    private final SecretKeySpec key;
    /** Mac.getInstance looks up providers on every call: one instance per thread. */
    private final ThreadLocal<Mac> macs;

    Pseudonyms(@Value("${analytics.pseudonym-key}") String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Pseudonyms under another key (tests: two keys give unlinkable pseudonyms). */
    public static Pseudonyms withKey(String key) {
        return new Pseudonyms(key);
    }

    public String trajectory(String trajectoryId) {
        return hex(trajectoryId);
    }

    public String coach(String coachId) {
        return hex("coach:" + coachId);
    }

    /** A goal's, visit's or agency referral's id, so events that refer to each other still link. */
    public String id(String id) {
        return hex("id:" + id);
    }

    private String hex(String text) {
        return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }
}
