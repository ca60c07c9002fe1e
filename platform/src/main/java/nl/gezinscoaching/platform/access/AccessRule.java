package nl.gezinscoaching.platform.access;

import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;

/**
 * The one rule of who may do what with a family's trajectory, for both services:
 * <ul>
 *   <li>an administrator: everything; a manager: read every family, act on none;</li>
 *   <li>a coach: read and coach the families assigned to them;</li>
 *   <li>a senior coach: besides their own, read, coach, reassign and extend the families of their cluster's
 *       coaches; read, coach (triage, closure) and assign the families on the waiting list; decline at triage;</li>
 *   <li>a family without a coach that is no longer waiting (declined, or closed from the waiting list) is
 *       nobody's but the managers' and administrators';</li>
 *   <li>a cluster that is not known matches no cluster (fail closed).</li>
 * </ul>
 * Erasure is an administrator's. What an analyst may read is decided by URL rules, never here.
 */
public final class AccessRule {

    private AccessRule() {
    }

    public static boolean mayDo(PlatformUser user, Action action, Guidance guidance) {
        if (user.has(Role.ADMIN)) {
            return true;
        }
        boolean senior = user.has(Role.SENIOR_COACH);
        boolean guides = guidance.coachId() != null && user.guides(guidance.coachId(), guidance.cluster());
        return switch (action) {
            case READ -> mayReadEveryFamily(user) || guides || senior && guidance.waiting();
            case COACHING -> guides || senior && guidance.waiting();
            case ASSIGNMENT -> senior && (guides || guidance.waiting());
            case EXTENSION -> senior && guides;
            case TRIAGE -> senior;
            case ERASURE -> false;
        };
    }

    /** Managers and administrators read every family's history, whoever guides it. */
    public static boolean mayReadEveryFamily(PlatformUser user) {
        return user.has(Role.ADMIN) || user.has(Role.MANAGER);
    }

    /**
     * Whether the user may make {@code coach} a trajectory's coach: an administrator anyone, a senior coach
     * the coaches of their own cluster, and nobody else. A coach whose cluster is not known is of no
     * cluster.
     */
    public static boolean mayAssignTo(PlatformUser user, RegisteredCoach coach) {
        if (user.has(Role.ADMIN)) {
            return true;
        }
        return user.has(Role.SENIOR_COACH) && user.cluster() != null && user.cluster().equals(coach.cluster());
    }
}
