package nl.gezinscoaching.events.contact;

/** Where a visit took place. Stored by name: the names are part of the stored data. */
public enum VisitLocation {
    /** At the family's home (every visit recorded before revision 2 of {@link HomeVisitHeld}). */
    HOME,
    /** At the child's school. */
    SCHOOL,
    /** At an agency's or the coach's office. */
    AGENCY,
    /** By video call. */
    VIDEO
}
