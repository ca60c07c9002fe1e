package nl.gezinscoaching.events.aftercare;

public enum Wellbeing {
    GOOD,
    STABLE,
    WORRYING,
    CRISIS
}
