package nl.gezinscoaching.platform.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.crypto.*}: the master keys that wrap the families' data keys. The local run and the tests
 * use a development key ({@code platform-development.yml}, not in the {@code production} profile);
 * production sets its own, from a secret store (deploy/SECURITY.md).
 *
 * @param masterKeyId the id of the current master key
 * @param masterKeys  master keys by id, Base64 of 32 random bytes: the current one and, during a rotation,
 *                    the previous ones
 */
@ConfigurationProperties("platform.crypto")
public record CryptoProperties(String masterKeyId, @DefaultValue Map<String, String> masterKeys) {

    public MasterKeys toMasterKeys() {
        return new MasterKeys(masterKeyId, masterKeys);
    }
}
