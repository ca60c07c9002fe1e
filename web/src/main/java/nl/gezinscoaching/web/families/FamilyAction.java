package nl.gezinscoaching.web.families;

/** The actions of a family's page: each a form and the command service's endpoint it posts to. */
enum FamilyAction {
    SCREENING("screening", "/api/trajectories/{id}/screening"),
    DECLINE("decline", "/api/trajectories/{id}/decline"),
    HOME_VISIT("home-visit", "/api/trajectories/{id}/home-visits"),
    PHONE_CONTACT("phone-contact", "/api/trajectories/{id}/phone-contacts"),
    PRACTICAL_SUPPORT("practical-support", "/api/trajectories/{id}/practical-support"),
    PROBLEM_INVENTORY("problem-inventory", "/api/trajectories/{id}/problem-inventory"),
    GOAL("goal", "/api/trajectories/{id}/goals"),
    GOAL_EVALUATION("goal-evaluation", "/api/trajectories/{id}/goals/{goal}/evaluation", "goalId"),
    FAMILY_PLAN("family-plan", "/api/trajectories/{id}/family-plan"),
    AGENCY_REFERRAL("agency-referral", "/api/trajectories/{id}/agency-referrals"),
    WARM_HANDOVER("warm-handover", "/api/trajectories/{id}/agency-referrals/{ref}/warm-handover",
            "agencyReferralId"),
    COORDINATION_MEETING("coordination-meeting", "/api/trajectories/{id}/coordination-meetings"),
    SAFETY_ASSESSMENT("safety-assessment", "/api/trajectories/{id}/safety-assessments"),
    EXTENSION("extension", "/api/trajectories/{id}/extensions"),
    CLOSURE("closure", "/api/trajectories/{id}/closure"),
    AFTERCARE_CALL("aftercare-call", "/api/trajectories/{id}/aftercare-calls"),
    AFTERCARE_END("aftercare-end", "/api/trajectories/{id}/aftercare-end");

    private final String slug;
    private final String endpoint;
    private final String subjectField;

    FamilyAction(String slug, String endpoint) {
        this(slug, endpoint, null);
    }

    FamilyAction(String slug, String endpoint, String subjectField) {
        this.slug = slug;
        this.endpoint = endpoint;
        this.subjectField = subjectField;
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
