package nl.gezinscoaching.platform.security;

/** The roles of the platform. */
public enum Role {
    /** Acts on and reads only the trajectories assigned to them. */
    COACH,
    /** A coach who also triages: their cluster's trajectories, assigns from the waiting list, grants extensions. */
    SENIOR_COACH,
    /** Reads every view and history; acts on nothing. */
    MANAGER,
    /** Only the pseudonymised exports and duration tools. */
    ANALYST,
    /** Only the metrics endpoints ({@code /actuator/prometheus}, {@code /actuator/metrics}): a scraper's role. */
    METRICS,
    /** Everything. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
