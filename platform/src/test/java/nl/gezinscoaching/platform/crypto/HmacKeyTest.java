package nl.gezinscoaching.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacKeyTest {

    static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String K2 = "qCoqZuKaPxmGQQv/6KtYqySBJc6RNKl1mN8n7Ol8D+4=";

    @Test
    void theDigestIsHmacSha256OfTheUtf8Text() throws Exception {
        Mac oracle = Mac.getInstance("HmacSHA256");
        oracle.init(new SecretKeySpec(Base64.getDecoder().decode(K2), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(oracle.doFinal("Zoë 42".getBytes(StandardCharsets.UTF_8)));

        HmacKey key = HmacKey.fromBase64("p", K2);

        assertThat(key.hex("Zoë 42")).isEqualTo(expected);
        assertThat(key.matches("Zoë 42", expected)).isTrue();
        assertThat(key.matches("Zoë 43", expected)).isFalse();
    }

    @Test
    void theDigestDependsOnTheKeyAndIsNotThePlainHash() throws Exception {
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("123456789".getBytes(StandardCharsets.UTF_8)));

        String one = HmacKey.fromBase64("p", K1).hex("123456789");
        String other = HmacKey.fromBase64("p", K2).hex("123456789");

        assertThat(one).isNotEqualTo(other).isNotEqualTo(plain);
        assertThat(HmacKey.fromBase64("p", K2).matches("123456789", one)).isFalse();
    }

    @Test
    void refusesAMissingOrMalformedKeyNamingItsProperty() {
        assertThatThrownBy(() -> HmacKey.fromBase64("platform.crypto.reference-key", null))
                .hasMessageContaining("platform.crypto.reference-key is not set");
        assertThatThrownBy(() -> HmacKey.fromBase64("platform.crypto.reference-key", " "))
                .hasMessageContaining("platform.crypto.reference-key is not set");
        assertThatThrownBy(() -> HmacKey.fromBase64("platform.audit.chain-key", "c2hvcnQ="))
                .hasMessageContaining("platform.audit.chain-key must be 32 bytes");
        assertThatThrownBy(() -> HmacKey.fromBase64("platform.audit.chain-key", "not base64!"))
                .hasMessageContaining("platform.audit.chain-key is not valid Base64");
    }
}
