package nl.gezinscoaching.command.trajectory;

/** Knows which families, by the referring organisation's client number, have an open trajectory. */
public interface FamilyReferences {

    boolean hasOpenTrajectory(String reference);
}
