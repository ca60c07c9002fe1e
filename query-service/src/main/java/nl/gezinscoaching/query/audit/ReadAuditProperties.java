package nl.gezinscoaching.query.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.audit.*}: the secret of the read audit's hash chain and where its head is anchored.
 *
 * @param chainKey       HMAC key of the chain, Base64 of 32 random bytes, kept outside the database; the
 *                       service does not start without it
 * @param anchorFile     file the signed anchors are appended to, for the operator to keep outside the
 *                       database (append-only storage, shipped off the host); without it anchors go to the
 *                       log only and the verification cannot compare against them
 * @param anchorInterval how often the chain's head is anchored
 * @param chainInterval  how often the chainer looks for entries to chain: at most this long (plus the time
 *                       to chain them) an entry is pending
 */
@ConfigurationProperties("platform.audit")
public record ReadAuditProperties(String chainKey, Path anchorFile, @DefaultValue("PT15M") Duration anchorInterval,
                                  @DefaultValue("PT1S") Duration chainInterval) {
}
