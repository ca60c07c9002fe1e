package nl.gezinscoaching.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class MasterKeysTest {

    static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String K2 = "sFowr47S/uE6rz4APk+RRCGdITh/l+687yZRtGNf758=";

    @Test
    void wrapsAndUnwrapsADataKey() throws Exception {
        MasterKeys keys = new MasterKeys("k2", Map.of("k1", K1, "k2", K2));
        SecretKey dataKey = dataKey();

        byte[] wrapped = keys.wrap(dataKey);

        assertThat(wrapped).hasSize(40).isNotEqualTo(dataKey.getEncoded());
        assertThat(keys.unwrap("k2", wrapped).getEncoded()).isEqualTo(dataKey.getEncoded());
    }

    @Test
    void aKeyWrappedWithAnotherMasterKeyDoesNotUnwrap() throws Exception {
        byte[] wrapped = new MasterKeys("k1", Map.of("k1", K1)).wrap(dataKey());
        MasterKeys sameIdOtherKey = new MasterKeys("k1", Map.of("k1", K2));

        assertThatThrownBy(() -> sameIdOtherKey.unwrap("k1", wrapped))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be unwrapped");
    }

    @Test
    void anUnknownMasterKeyIdIsNamed() throws Exception {
        byte[] wrapped = new MasterKeys("old", Map.of("old", K1)).wrap(dataKey());
        MasterKeys withoutOld = new MasterKeys("new", Map.of("new", K2));

        assertThatThrownBy(() -> withoutOld.unwrap("old", wrapped))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'old'");
    }

    @Test
    void refusesAMissingOrMalformedConfiguration() {
        assertThatThrownBy(() -> new MasterKeys(null, Map.of()))
                .hasMessageContaining("platform.crypto.master-key-id is not set");
        assertThatThrownBy(() -> new MasterKeys("k1", Map.of("k2", K2)))
                .hasMessageContaining("no key 'k1'");
        assertThatThrownBy(() -> new MasterKeys("k1", Map.of("k1", "c2hvcnQ=")))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> new MasterKeys("k1", Map.of("k1", "not base64!")))
                .hasMessageContaining("not valid Base64");
    }

    private static SecretKey dataKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }
}
