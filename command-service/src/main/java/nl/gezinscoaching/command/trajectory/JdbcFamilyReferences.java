package nl.gezinscoaching.command.trajectory;

import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which client numbers have an open trajectory, written by a subscribing processor in the same
 * transaction as the events. Client numbers are stored as keyed digests ({@link ReferenceDigests}): the
 * lookup needs equality only. A trajectory's digest is deleted when it closes (no lookup needs it then)
 * and when its family's data is erased.
 */
@Component
@ProcessingGroup("command-lookups")
class JdbcFamilyReferences implements FamilyReferences {

    private final JdbcClient jdbc;
    private final ReferenceDigests digests;

    JdbcFamilyReferences(JdbcClient jdbc, ReferenceDigests digests) {
        this.jdbc = jdbc;
        this.digests = digests;
    }

    @EventHandler
    void on(FamilyReferred event) {
        if (event.family().reference() == null) {
            return;
        }
        jdbc.sql("""
                INSERT INTO family_reference (trajectory_id, reference_digest, open) VALUES (?, ?, TRUE)
                ON CONFLICT (trajectory_id) DO NOTHING""")
                .params(event.trajectoryId(), digests.of(event.family().reference()))
                .update();
    }

    @EventHandler
    void on(ReferralDeclined event) {
        forget(event.trajectoryId());
    }

    @EventHandler
    void on(TrajectoryClosed event) {
        forget(event.trajectoryId());
    }

    private void forget(String trajectoryId) {
        jdbc.sql("DELETE FROM family_reference WHERE trajectory_id = ?").param(trajectoryId).update();
    }

    @Override
    public boolean hasOpenTrajectory(String reference) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM family_reference WHERE reference_digest = ? AND open)")
                .param(digests.of(reference))
                .query(Boolean.class)
                .single();
    }
}
