package nl.gezinscoaching.command.access;

import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.CoachReassigned;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code access_trajectory} (who guides a trajectory, and whether it is still open) in step with the
 * events, in the same transaction as the events; both services' access rules read it
 * ({@link nl.gezinscoaching.platform.access.GuidanceLookup}).
 */
@Component
@ProcessingGroup("command-lookups")
class TrajectoryAccessLookup {

    private final JdbcClient jdbc;

    TrajectoryAccessLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FamilyReferred event) {
        jdbc.sql("INSERT INTO access_trajectory (trajectory_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(event.trajectoryId()).update();
    }

    @EventHandler
    void on(CoachAssigned event) {
        assign(event.trajectoryId(), event.coachId());
    }

    @EventHandler
    void on(CoachReassigned event) {
        assign(event.trajectoryId(), event.coachId());
    }

    @EventHandler
    void on(ReferralDeclined event) {
        end(event.trajectoryId());
    }

    @EventHandler
    void on(TrajectoryClosed event) {
        end(event.trajectoryId());
    }

    private void assign(String trajectoryId, String coachId) {
        jdbc.sql("UPDATE access_trajectory SET coach_id = ? WHERE trajectory_id = ?").params(coachId, trajectoryId).update();
    }

    private void end(String trajectoryId) {
        jdbc.sql("UPDATE access_trajectory SET open = FALSE WHERE trajectory_id = ?").param(trajectoryId).update();
    }
}
