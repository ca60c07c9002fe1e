package nl.gezinscoaching.events.trajectory;

/** Migration generation of the parents, as the referral form asks it. */
public enum MigrationGeneration {
    NONE, FIRST, SECOND, THIRD
}
