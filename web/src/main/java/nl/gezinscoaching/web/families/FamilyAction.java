package nl.gezinscoaching.web.families;

import nl.gezinscoaching.api.trajectory.TrajectoryStage.Step;

/** The actions of a family's page: each a form and the command service's endpoint it posts to. */
enum FamilyAction {
    SCREENING("screening", Step.TRIAGE, "/api/trajectories/{id}/screening"),
    DECLINE("decline", Step.TRIAGE, "/api/trajectories/{id}/decline"),
    HOME_VISIT("home-visit", Step.COACHING, "/api/trajectories/{id}/home-visits"),
    PHONE_CONTACT("phone-contact", Step.COACHING, "/api/trajectories/{id}/phone-contacts"),
    PRACTICAL_SUPPORT("practical-support", Step.COACHING, "/api/trajectories/{id}/practical-support"),
    PROBLEM_INVENTORY("problem-inventory", Step.COACHING, "/api/trajectories/{id}/problem-inventory"),
    GOAL("goal", Step.COACHING, "/api/trajectories/{id}/goals"),
    GOAL_EVALUATION("goal-evaluation", Step.COACHING, "/api/trajectories/{id}/goals/{goal}/evaluation", "goalId"),
    FAMILY_PLAN("family-plan", Step.COACHING, "/api/trajectories/{id}/family-plan"),
    AGENCY_REFERRAL("agency-referral", Step.COACHING, "/api/trajectories/{id}/agency-referrals"),
    WARM_HANDOVER("warm-handover", Step.COACHING, "/api/trajectories/{id}/agency-referrals/{ref}/warm-handover",
            "agencyReferralId"),
    COORDINATION_MEETING("coordination-meeting", Step.COACHING, "/api/trajectories/{id}/coordination-meetings"),
    SAFETY_ASSESSMENT("safety-assessment", Step.OPEN, "/api/trajectories/{id}/safety-assessments"),
    EXTENSION("extension", Step.COACHING, "/api/trajectories/{id}/extensions"),
    CLOSURE("closure", Step.OPEN, "/api/trajectories/{id}/closure"),
    AFTERCARE_CALL("aftercare-call", Step.AFTERCARE, "/api/trajectories/{id}/aftercare-calls"),
    AFTERCARE_END("aftercare-end", Step.AFTERCARE, "/api/trajectories/{id}/aftercare-end");

    private final String slug;
    private final Step step;
    private final String endpoint;
    private final String subjectField;

    FamilyAction(String slug, Step step, String endpoint) {
        this(slug, step, endpoint, null);
    }

    FamilyAction(String slug, Step step, String endpoint, String subjectField) {
        this.slug = slug;
        this.step = step;
        this.endpoint = endpoint;
        this.subjectField = subjectField;
    }

    /** What the action needs of the trajectory's stage ({@link nl.gezinscoaching.api.trajectory.TrajectoryStage}). */
    Step step() {
        return step;
    }

    /** The path segment of the web's form ({@code /trajectories/{id}/home-visit}) and its message keys. */
    public String slug() {
        return slug;
    }

    String endpoint() {
        return endpoint;
    }

    /** The form field naming the endpoint's second path variable (the goal, the agency referral), or null. */
    String subjectField() {
        return subjectField;
    }
}
