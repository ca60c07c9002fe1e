package nl.gezinscoaching.command.trajectory;

import java.util.Locale;
import nl.gezinscoaching.platform.crypto.HmacKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Client numbers as they are stored in {@code family_reference}: HMAC-SHA-256 with the reference key
 * ({@code platform.crypto.reference-key}, kept outside the database), of the number stripped and upper-cased.
 * An unkeyed hash of a client number could be reversed from a copy of the database by hashing every
 * possible number; without the key that is not possible. The service does not start without the key.
 */
@Component
class ReferenceDigests {

    static final String PROPERTY = "platform.crypto.reference-key";

    private final HmacKey key;

    ReferenceDigests(@Value("${" + PROPERTY + ":}") String base64Key) {
        this.key = HmacKey.fromBase64(PROPERTY, base64Key);
    }

    String of(String reference) {
        return key.hex(reference.strip().toUpperCase(Locale.ROOT));
    }
}
