package nl.gezinscoaching.events.safety;

public enum SafetyVerdict {
    SAFE,
    CONCERNS,
    UNSAFE
}
