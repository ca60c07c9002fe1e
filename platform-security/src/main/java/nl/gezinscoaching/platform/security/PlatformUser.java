package nl.gezinscoaching.platform.security;

import java.util.Set;

/**
 * The signed-in user as the platform's rules see them.
 *
 * @param coachId the coach id of a (senior) coach: their own trajectories are the ones assigned to it
 * @param cluster the cluster a senior coach is responsible for
 */
public record PlatformUser(String username, Set<Role> roles, String coachId, String cluster) {

    public PlatformUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether this user guides the trajectories of {@code coachId}: their own, or (senior) their cluster's. */
    public boolean guides(String trajectoryCoachId, String trajectoryCluster) {
        if (has(Role.ADMIN)) {
            return true;
        }
        boolean own = coachId != null && coachId.equals(trajectoryCoachId);
        boolean cluster = has(Role.SENIOR_COACH) && this.cluster != null && this.cluster.equals(trajectoryCluster);
        return (has(Role.COACH) || has(Role.SENIOR_COACH)) && own || cluster;
    }
}
