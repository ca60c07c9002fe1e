package nl.gezinscoaching.platform.access;

/** What a user does with one family's trajectory, as far as who may do it is concerned. */
public enum Action {
    /** Reading the family's history (personal data): managers; the trajectory's coach, their senior. */
    READ,
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
