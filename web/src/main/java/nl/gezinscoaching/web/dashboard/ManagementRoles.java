package nl.gezinscoaching.web.dashboard;

import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import nl.gezinscoaching.web.layout.Layout;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who gets which management page ({@code ${@managementRoles...}} in the templates): the dashboard for managers,
 * senior coaches (their own cluster) and administrators; a family's history and read audit for managers and
 * administrators; the chain verification and the retention list for administrators. The pages check this before
 * they ask a service (a coach is not sent to the API only to be refused); the services check it again, and
 * decide how much a user sees. A refusal here is Spring Security's {@link AccessDeniedException}: the 403 page.
 */
@Component("managementRoles")
public class ManagementRoles {

    private final Layout layout;

    ManagementRoles(Layout layout) {
        this.layout = layout;
    }

    public boolean dashboard() {
        return has(Role.MANAGER) || has(Role.SENIOR_COACH) || has(Role.ADMIN);
    }

    /** Managers and administrators read any family's history and who read it; a senior coach only her cluster's. */
    public boolean audit() {
        return has(Role.MANAGER) || has(Role.ADMIN);
    }

    public boolean administrator() {
        return has(Role.ADMIN);
    }

    /** A senior coach who is neither manager nor administrator: the dashboard shows her own cluster only. */
    public boolean clusterOnly() {
        return has(Role.SENIOR_COACH) && !audit();
    }

    public String cluster() {
        PlatformUser user = layout.user();
        return user == null ? null : user.cluster();
    }

    public void requireDashboard() {
        require(dashboard());
    }

    public void requireAudit() {
        require(audit());
    }

    public void requireAdministrator() {
        require(administrator());
    }

    private static void require(boolean allowed) {
        if (!allowed) {
            throw new AccessDeniedException("Not for this role");
        }
    }

    private boolean has(Role role) {
        PlatformUser user = layout.user();
        return user != null && user.has(role);
    }
}
