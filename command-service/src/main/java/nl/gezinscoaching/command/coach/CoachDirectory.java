package nl.gezinscoaching.command.coach;

/** Which coach ids are registered; consulted when a trajectory is assigned. */
public interface CoachDirectory {

    boolean isRegistered(String coachId);

    /** The cluster of a registered coach; empty for an unknown coach. */
    default java.util.Optional<String> clusterOf(String coachId) {
        return java.util.Optional.empty();
    }
}
