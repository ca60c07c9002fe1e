package nl.gezinscoaching.command.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import nl.gezinscoaching.command.rules.NotFoundException;
import nl.gezinscoaching.platform.access.AccessRule;
import nl.gezinscoaching.platform.access.Guidance;
import nl.gezinscoaching.platform.access.GuidanceLookup;
import nl.gezinscoaching.platform.security.CurrentUser;
import nl.gezinscoaching.platform.security.PlatformUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks, before a trajectory endpoint runs, that the signed-in user may do its
 * {@link nl.gezinscoaching.platform.access.Action} on this trajectory ({@link AccessRule}). An unknown
 * trajectory is a 404, a trajectory the user does not guide a 403.
 */
@Component
public class TrajectoryAccess implements HandlerInterceptor {

    private final GuidanceLookup guidances;

    TrajectoryAccess(GuidanceLookup guidances) {
        this.guidances = guidances;
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
        Guidance guidance = guidances.guidance(trajectoryId)
                .orElseThrow(() -> new NotFoundException("unknown-trajectory", "No trajectory with this id exists"));
        if (!AccessRule.mayDo(user, action.value(), guidance)) {
            throw new AccessDeniedException("Not this user's trajectory");
        }
        return true;
    }
}
