package nl.gezinscoaching.command.trajectory;

/** Where a trajectory stands, as far as the rules for the next action care. */
enum Stage {
    /** Referred, on the waiting list for a coach. */
    WAITING,
    /** Declined at triage: nothing more happens. */
    DECLINED,
    /** A coach is assigned: coaching is under way. */
    ACTIVE,
    /** Closed; aftercare calls may follow. */
    CLOSED,
    /** Aftercare has ended too: nothing more happens. */
    AFTERCARE_ENDED
}
