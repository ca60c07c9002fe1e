package nl.gezinscoaching.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts one field value with the family's key: AES-256-GCM, a random 96-bit IV per value, the family's
 * id as associated data (a value cannot be moved to another family unnoticed). The result names its
 * family, so it can be decrypted without context: {@code enc:v1:<familyId>:<base64(iv | ciphertext)>}.
 */
public class FieldCipher {

    public static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final FamilyKeys keys;
    private final SecureRandom random = new SecureRandom();
    /** Cipher.getInstance looks up providers on every call: one instance per thread, re-initialised per value. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    public FieldCipher(FamilyKeys keys) {
        this.keys = keys;
    }

    public String encrypt(String subject, byte[] plaintext) {
        if (subject.contains(":")) {
            throw new IllegalArgumentException("A family id must not contain ':'");
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.keyFor(subject), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            byte[] sealed = ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array();
            return PREFIX + subject + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The plaintext, or empty when the family's key has been erased. A tampered value is an error. */
    public Optional<byte[]> decrypt(String value) {
        int separator = value.indexOf(':', PREFIX.length());
        if (!isEncrypted(value) || separator < 0) {
            throw new IllegalArgumentException("Not an encrypted value");
        }
        String subject = value.substring(PREFIX.length(), separator);
        Optional<SecretKey> key = keys.existing(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(value.substring(separator + 1));
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("An encrypted field does not decrypt: it was altered", e);
        }
    }
}
