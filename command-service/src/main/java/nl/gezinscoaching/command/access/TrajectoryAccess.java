package nl.gezinscoaching.command.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import nl.gezinscoaching.command.rules.NotFoundException;
import nl.gezinscoaching.platform.security.CurrentUser;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks, before a trajectory endpoint runs, that the signed-in user may do its {@link Action} on this
 * trajectory. An unknown trajectory is a 404, a trajectory the user does not guide a 403.
 */
@Component
public class TrajectoryAccess implements HandlerInterceptor {

    private final JdbcClient jdbc;

    TrajectoryAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Who guides a trajectory: its coach (null while it waits) and that coach's cluster. */
    record Guidance(String coachId, String cluster) {
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String trajectoryId = variables == null ? null : variables.get("trajectoryId");
        if (trajectoryId == null) {
            return true;
        }
        TrajectoryAction action = method.getMethodAnnotation(TrajectoryAction.class);
        if (action == null) {
            throw new AccessDeniedException("Endpoint declares no trajectory action");
        }
        PlatformUser user = CurrentUser.get().orElseThrow(() -> new AccessDeniedException("No user"));
        Guidance guidance = guidance(trajectoryId)
                .orElseThrow(() -> new NotFoundException("unknown-trajectory", "No trajectory with this id exists"));
        if (!mayDo(user, action.value(), guidance)) {
            throw new AccessDeniedException("Not this user's trajectory");
        }
        return true;
    }

    static boolean mayDo(PlatformUser user, Action action, Guidance guidance) {
        if (user.has(Role.ADMIN)) {
            return true;
        }
        boolean waiting = guidance.coachId() == null;
        boolean senior = user.has(Role.SENIOR_COACH);
        return switch (action) {
            case ERASURE -> false;
            case TRIAGE -> senior;
            case ASSIGNMENT -> senior && (waiting || user.guides(guidance.coachId(), guidance.cluster()));
            case EXTENSION -> senior && !waiting && user.guides(guidance.coachId(), guidance.cluster());
            case COACHING -> waiting ? senior : user.guides(guidance.coachId(), guidance.cluster());
        };
    }

    Optional<Guidance> guidance(String trajectoryId) {
        return jdbc.sql("""
                SELECT a.coach_id, c.cluster FROM trajectory_access a
                LEFT JOIN coach_directory c ON c.coach_id = a.coach_id
                WHERE a.trajectory_id = ?""")
                .param(trajectoryId)
                .query((row, i) -> new Guidance(row.getString("coach_id"), row.getString("cluster")))
                .optional();
    }
}
