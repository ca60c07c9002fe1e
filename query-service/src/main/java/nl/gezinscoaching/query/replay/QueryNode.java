package nl.gezinscoaching.query.replay;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.security.SecureRandom;

/**
 * This instance's name in the token store (the owner of its segment claims) and among the live instances.
 * Axon's default owner is the JVM's {@code pid@host}: two Spring contexts in one JVM would share it, and the token
 * store lets an owner claim what it already holds, so both would process the same segment and one's reset would
 * be overwritten by the other's token. Each context therefore adds a random part of its own.
 *
 * @param id {@code pid@host/random}, or {@code query.instances.node-id} when set
 */
public record QueryNode(String id) {

    static QueryNode of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new QueryNode(configured);
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return new QueryNode(ManagementFactory.getRuntimeMXBean().getName() + "/" + HexFormat.of().formatHex(random));
    }
}
