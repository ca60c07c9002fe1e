package nl.gezinscoaching.command.trajectory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which client numbers have an open trajectory, written by a subscribing processor in the same
 * transaction as the events. Client numbers are stored as SHA-256 digests: the lookup needs equality only.
 */
@Component
@ProcessingGroup("command-lookups")
class JdbcFamilyReferences implements FamilyReferences {

    private final JdbcClient jdbc;

    JdbcFamilyReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FamilyReferred event) {
        if (event.family().reference() == null) {
            return;
        }
        jdbc.sql("""
                INSERT INTO family_reference (trajectory_id, reference_digest, open) VALUES (?, ?, TRUE)
                ON CONFLICT (trajectory_id) DO NOTHING""")
                .params(event.trajectoryId(), digest(event.family().reference()))
                .update();
    }

    @EventHandler
    void on(ReferralDeclined event) {
        markClosed(event.trajectoryId());
    }

    @EventHandler
    void on(TrajectoryClosed event) {
        markClosed(event.trajectoryId());
    }

    private void markClosed(String trajectoryId) {
        jdbc.sql("UPDATE family_reference SET open = FALSE WHERE trajectory_id = ?").param(trajectoryId).update();
    }

    @Override
    public boolean hasOpenTrajectory(String reference) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM family_reference WHERE reference_digest = ? AND open)")
                .param(digest(reference))
                .query(Boolean.class)
                .single();
    }

    static String digest(String reference) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(reference.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
