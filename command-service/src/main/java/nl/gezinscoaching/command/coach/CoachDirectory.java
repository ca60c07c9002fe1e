package nl.gezinscoaching.command.coach;

/** Which coach ids are registered; consulted when a trajectory is assigned. */
public interface CoachDirectory {

    boolean isRegistered(String coachId);
}
