package nl.gezinscoaching.command.access;

/** What a trajectory endpoint does, as far as who may do it is concerned. */
public enum Action {
    /** Coaching work (visits, goals, plans, agency referrals, closure, aftercare): the trajectory's coach, their senior. */
    COACHING,
    /** Assigning or reassigning a coach: a senior coach, from the waiting list or within their cluster. */
    ASSIGNMENT,
    /** Granting an extension: a senior coach of the trajectory's cluster. */
    EXTENSION,
    /** Declining a referral at triage: a senior coach. */
    TRIAGE,
    /** Erasing a family's personal data: an administrator. */
    ERASURE
}
