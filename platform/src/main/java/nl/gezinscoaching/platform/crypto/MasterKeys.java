package nl.gezinscoaching.platform.crypto;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys that wrap the families' data keys in {@code family_key} (AES key wrap, RFC 3394, the
 * JDK's {@code AESWrap}). A copy of the database, or of a backup, without the master key reveals no
 * family's data. New data keys are wrapped with the current master key; the others are only kept to
 * unwrap keys that were wrapped with them, until {@link FamilyKeys#rewrap} has moved every data key to
 * the current one (key rotation).
 */
public final class MasterKeys {

    private static final int KEY_BYTES = 32;

    private final String currentId;
    private final Map<String, SecretKey> keys = new TreeMap<>();

    /**
     * @param currentId the id of the key new data keys are wrapped with; ids are stored next to each
     *                  wrapped key, so an id must never be reused for another key
     * @param keys      every usable master key by id, Base64 of 32 random bytes each
     */
    public MasterKeys(String currentId, Map<String, String> keys) {
        if (currentId == null || currentId.isBlank()) {
            throw new IllegalArgumentException("platform.crypto.master-key-id is not set: configure a master key"
                    + " (deploy/SECURITY.md)");
        }
        keys.forEach((id, base64) -> this.keys.put(id, decode(id, base64)));
        if (!this.keys.containsKey(currentId)) {
            throw new IllegalArgumentException("platform.crypto.master-keys has no key '" + currentId
                    + "', the configured platform.crypto.master-key-id");
        }
        this.currentId = currentId;
    }

    private static SecretKey decode(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Master key '" + id + "' is not valid Base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("Master key '" + id + "' must be " + KEY_BYTES + " bytes (Base64 of"
                    + " 32 random bytes, e.g. `openssl rand -base64 32`), was " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** The id of the key new data keys are wrapped with. */
    public String currentId() {
        return currentId;
    }

    byte[] wrap(SecretKey dataKey) {
        try {
            Cipher cipher = Cipher.getInstance("AESWrap");
            cipher.init(Cipher.WRAP_MODE, keys.get(currentId));
            return cipher.wrap(dataKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A data key could not be wrapped", e);
        }
    }

    SecretKey unwrap(String masterKeyId, byte[] wrapped) {
        SecretKey masterKey = keys.get(masterKeyId);
        if (masterKey == null) {
            throw new IllegalStateException("A data key is wrapped with master key '" + masterKeyId
                    + "', which is not configured in platform.crypto.master-keys");
        }
        try {
            Cipher cipher = Cipher.getInstance("AESWrap");
            cipher.init(Cipher.UNWRAP_MODE, masterKey);
            return (SecretKey) cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A data key could not be unwrapped with master key '" + masterKeyId
                    + "' (a different key under the same id?)");
        }
    }
}
