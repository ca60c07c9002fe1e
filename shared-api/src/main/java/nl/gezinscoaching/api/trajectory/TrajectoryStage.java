package nl.gezinscoaching.api.trajectory;

/**
 * Where a trajectory stands, and which kinds of action each stage allows: the one definition for the command
 * service's aggregate (which refuses with the rule named here, 409) and for the pages (which offer only what
 * is allowed). The finer rules of single actions (a plan needs a goal, a goal is evaluated once...) stay with
 * the aggregate; the pages mirror those from the history they show.
 */
public enum TrajectoryStage {
    /** Referred, on the waiting list for a coach. */
    WAITING,
    /** Declined at triage: nothing more happens. */
    DECLINED,
    /** A coach is assigned: coaching is under way. */
    ACTIVE,
    /** Closed; aftercare calls may follow. */
    CLOSED,
    /** Aftercare has ended too: nothing more happens. */
    AFTERCARE_ENDED;

    /** The kinds of action, by what they need of the stage. */
    public enum Step {
        /** Screening and declining a referral: only while the family waits for a coach. */
        TRIAGE,
        /** Assignment, safety assessment, closure: any time before the closure. */
        OPEN,
        /** What a coach records with the family: once a coach is assigned, until the closure. */
        COACHING,
        /** Aftercare calls and the end of aftercare: after a closure that followed coaching. */
        AFTERCARE
    }

    /** Why a step is refused: the rule (the 409's {@code rule}) and a sentence for the problem's detail. */
    public record Refusal(String rule, String detail) {
    }

    /** The stage after an event of type {@code eventType} (the event's simple class name) in this stage. */
    public TrajectoryStage after(String eventType) {
        return switch (eventType) {
            case "FamilyReferred" -> WAITING;
            case "CoachAssigned", "CoachReassigned" -> this == WAITING ? ACTIVE : this;
            case "ReferralDeclined" -> DECLINED;
            case "TrajectoryClosed" -> CLOSED;
            case "AftercareEnded" -> AFTERCARE_ENDED;
            default -> this;
        };
    }

    /**
     * Whether this stage allows {@code step}: null when it does, otherwise the refusal.
     *
     * @param coached whether a coach was ever assigned (a trajectory closed from the waiting list has no aftercare)
     */
    public Refusal refusal(Step step, boolean coached) {
        if (step == Step.AFTERCARE) {
            return switch (this) {
                case WAITING, ACTIVE -> new Refusal("aftercare-before-closure", "Aftercare starts when the trajectory is closed");
                case DECLINED -> declined();
                case AFTERCARE_ENDED -> new Refusal("aftercare-ended", "Aftercare has ended");
                case CLOSED -> coached ? null : new Refusal("no-aftercare-without-coach",
                        "The trajectory was closed before a coach was assigned: there is no aftercare to record");
            };
        }
        return switch (this) {
            case DECLINED -> declined();
            case CLOSED, AFTERCARE_ENDED -> new Refusal("trajectory-closed",
                    "The trajectory is closed: only aftercare calls can be recorded");
            case WAITING -> step == Step.COACHING
                    ? new Refusal("no-coach-assigned", "No coach is assigned to this trajectory yet") : null;
            case ACTIVE -> step == Step.TRIAGE ? new Refusal("coach-already-assigned",
                    "A coach is assigned already: triage (screening, decline) happens while the family waits") : null;
        };
    }

    /** Whether this stage allows {@code step}. */
    public boolean allows(Step step, boolean coached) {
        return refusal(step, coached) == null;
    }

    private static Refusal declined() {
        return new Refusal("referral-declined", "The referral was declined");
    }
}
