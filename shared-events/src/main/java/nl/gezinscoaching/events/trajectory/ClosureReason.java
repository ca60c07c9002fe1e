package nl.gezinscoaching.events.trajectory;

public enum ClosureReason {
    FAMILY_IN_CONTROL,
    HANDED_OVER_TO_REGULAR_CARE,
    DROPPED_OUT,
    MOVED_AWAY,
    TRANSFERRED_TO_CHILD_PROTECTION
}
