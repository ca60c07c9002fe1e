package nl.gezinscoaching.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret HMAC-SHA-256 key from configuration (Base64 of 32 random bytes), for digests that someone with
 * a copy of the database must not be able to recompute: the key is kept outside the database (deploy/SECURITY.md).
 * The key never appears in a log or an exception; the name of its property does.
 */
public final class HmacKey {

    private static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /** Mac.getInstance looks up providers on every call: one instance per thread. */
    private final ThreadLocal<Mac> macs;

    private HmacKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * @param property the configuration property the key comes from, named when it is missing or malformed
     * @param base64   Base64 of 32 random bytes (e.g. {@code openssl rand -base64 32})
     */
    public static HmacKey fromBase64(String property, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(property + " is not set: configure Base64 of 32 random bytes"
                    + " (e.g. `openssl rand -base64 32`, deploy/SECURITY.md)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is not valid Base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(property + " must be " + KEY_BYTES + " bytes (Base64 of 32 random"
                    + " bytes, e.g. `openssl rand -base64 32`), was " + bytes.length);
        }
        return new HmacKey(bytes);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    /** HMAC-SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex digits. */
    public String hex(String text) {
        return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the hex digest is this key's HMAC of the text, compared in constant time. */
    public boolean matches(String text, String hexDigest) {
        return hexDigest != null && MessageDigest.isEqual(hex(text).getBytes(StandardCharsets.US_ASCII),
                hexDigest.getBytes(StandardCharsets.US_ASCII));
    }
}
