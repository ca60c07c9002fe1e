package nl.gezinscoaching.query.access;

import nl.gezinscoaching.platform.access.AccessRule;
import nl.gezinscoaching.platform.access.Action;
import nl.gezinscoaching.platform.access.Guidance;
import nl.gezinscoaching.platform.access.GuidanceLookup;
import nl.gezinscoaching.platform.security.CurrentUser;
import nl.gezinscoaching.platform.security.PlatformUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Whether the signed-in user may read one family's personal data ({@link AccessRule}, {@link Action#READ}),
 * decided on who guides the family now: the command service's lookup, written in the transaction of the
 * events, never the management-facts projection (which lags, and is empty during a rebuild).
 */
@Component
public class FamilyAccess {

    private final GuidanceLookup guidances;

    FamilyAccess(GuidanceLookup guidances) {
        this.guidances = guidances;
    }

    /**
     * Throws {@link AccessDeniedException} (403) unless the user may read this family's trajectory, and
     * {@link UnknownFamilyException} (404) when there is no such trajectory and the user is not one who reads
     * every family (for them the trajectory's own stream decides).
     */
    public void requireMayRead(String trajectoryId) {
        PlatformUser user = CurrentUser.get().orElseThrow(() -> new AccessDeniedException("No user"));
        if (AccessRule.mayReadEveryFamily(user)) {
            return;
        }
        Guidance guidance = guidances.guidance(trajectoryId).orElseThrow(UnknownFamilyException::new);
        if (!AccessRule.mayDo(user, Action.READ, guidance)) {
            throw new AccessDeniedException("Not this user's family");
        }
    }

    /** No trajectory has this id. */
    public static class UnknownFamilyException extends RuntimeException {
        UnknownFamilyException() {
            super("No trajectory with this id", null, false, false);
        }
    }
}
