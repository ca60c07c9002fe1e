package nl.gezinscoaching.platform.access;

/**
 * Who guides a trajectory now, as the access rules see it.
 *
 * @param coachId the assigned coach; {@code null} while none is
 * @param cluster that coach's cluster; {@code null} when it is not known, and then no rule that depends on
 *                it allows anything
 * @param open    {@code false} once the referral was declined or the trajectory closed
 */
public record Guidance(String coachId, String cluster, boolean open) {

    /** On the waiting list: open, and no coach yet. A trajectory closed or declined without a coach is not. */
    public boolean waiting() {
        return open && coachId == null;
    }
}
