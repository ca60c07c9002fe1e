package nl.gezinscoaching.platform.access;

/**
 * A registered coach, as the access rules see them.
 *
 * @param cluster {@code null} when not known (a coach registered before clusters were kept, not yet
 *                backfilled): no senior coach may then assign them
 */
public record RegisteredCoach(String coachId, String cluster) {
}
