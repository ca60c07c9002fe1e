package nl.gezinscoaching.query.access;

import nl.gezinscoaching.platform.access.AccessRule;
import nl.gezinscoaching.platform.security.CurrentUser;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Which cluster a management view may show the signed-in user: managers and administrators any (or all), a
 * senior coach only their own. The URL rules decide who reads a view at all; this decides how much of it.
 */
public final class ClusterScope {

    /** No cluster filter: the whole organisation. */
    public static final String ALL = "";

    private ClusterScope() {
    }

    /**
     * The cluster to filter on, {@link #ALL} for none. A senior coach gets their own cluster whatever they
     * ask for nothing; asking for another cluster is refused (403), as is a senior coach without a cluster.
     */
    public static String of(String requested) {
        PlatformUser user = CurrentUser.get().orElseThrow(() -> new AccessDeniedException("No user"));
        String asked = requested == null || requested.isBlank() ? ALL : requested;
        if (AccessRule.mayReadEveryFamily(user)) {
            return asked;
        }
        if (user.has(Role.SENIOR_COACH) && user.cluster() != null
                && (asked.equals(ALL) || asked.equals(user.cluster()))) {
            return user.cluster();
        }
        throw new AccessDeniedException("Not this user's cluster");
    }
}
