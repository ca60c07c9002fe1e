package nl.gezinscoaching.command.access;

import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.CoachReassigned;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps {@code trajectory_access} in step with assignments, in the same transaction as the events. */
@Component
@ProcessingGroup("command-lookups")
class TrajectoryAccessLookup {

    private final JdbcClient jdbc;

    TrajectoryAccessLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FamilyReferred event) {
        jdbc.sql("INSERT INTO trajectory_access (trajectory_id) VALUES (?) ON CONFLICT DO NOTHING")
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

    private void assign(String trajectoryId, String coachId) {
        jdbc.sql("UPDATE trajectory_access SET coach_id = ? WHERE trajectory_id = ?").params(coachId, trajectoryId).update();
    }
}
