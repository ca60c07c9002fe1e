package nl.gezinscoaching.events.privacy;

/** Who asked for the erasure: a role, never a name. */
public enum ErasureRequester {
    PARENT,
    YOUTH_12_PLUS,
    GUARDIAN,
    LEGAL_REPRESENTATIVE,
    /** The organisation itself, when the retention period has passed. */
    RETENTION_POLICY
}
