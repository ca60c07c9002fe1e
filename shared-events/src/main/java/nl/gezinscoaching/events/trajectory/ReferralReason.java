package nl.gezinscoaching.events.trajectory;

public enum ReferralReason {
    /** Worry about a child's safety. */
    CHILD_SAFETY,
    /** The family does not reach the agencies it should. */
    NOT_REACHING_HELP,
    /** Care coordination is needed. */
    CARE_COORDINATION
}
