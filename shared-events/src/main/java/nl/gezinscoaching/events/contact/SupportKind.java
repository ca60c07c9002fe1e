package nl.gezinscoaching.events.contact;

/** The kinds of practical support the study names. */
public enum SupportKind {
    ADMINISTRATION,
    PHONING_WITH_FAMILY,
    ACCOMPANYING_TO_APPOINTMENT,
    PARENTING_SUPPORT,
    OTHER
}
