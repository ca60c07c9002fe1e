package nl.gezinscoaching.query.access;

import nl.gezinscoaching.platform.security.CurrentUser;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Whether the signed-in user may read one family's personal data: managers and administrators always, a
 * coach the families assigned to them, a senior coach their cluster's and the waiting list.
 */
@Component
public class FamilyAccess {

    private final JdbcClient jdbc;

    FamilyAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Guidance(String coachId, String cluster) {
    }

    /** Throws {@link AccessDeniedException} (403) unless the user may read this family's trajectory. */
    public void requireMayRead(String trajectoryId) {
        PlatformUser user = CurrentUser.get().orElseThrow(() -> new AccessDeniedException("No user"));
        if (user.has(Role.ADMIN) || user.has(Role.MANAGER)) {
            return;
        }
        Guidance guidance = jdbc.sql("""
                SELECT (SELECT a.coach_id FROM rm_assignment a WHERE a.trajectory_id = t.trajectory_id
                        ORDER BY a.sequence DESC LIMIT 1) AS coach_id
                FROM rm_trajectory t WHERE t.trajectory_id = ?""")
                .param(trajectoryId)
                .query((row, i) -> row.getString("coach_id"))
                .optional()
                .map(coachId -> new Guidance(coachId, coachId == null ? null : jdbc.sql(
                        "SELECT cluster FROM rm_coach WHERE coach_id = ?").param(coachId)
                        .query(String.class).optional().orElse(null)))
                .orElse(null);
        if (guidance == null) {
            // not (yet) in the management facts: during projection lag or a rebuild nobody can tell whose
            // family this is, so only managers and administrators (above) may read it
            throw new AccessDeniedException("Family not known to the access rules yet");
        }
        boolean waiting = guidance.coachId() == null;
        boolean allowed = waiting ? user.has(Role.SENIOR_COACH) : user.guides(guidance.coachId(), guidance.cluster());
        if (!allowed) {
            throw new AccessDeniedException("Not this user's family");
        }
    }
}
