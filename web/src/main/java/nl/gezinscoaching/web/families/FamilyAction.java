package nl.gezinscoaching.web.families;

/** The actions of a family's page: each a form and the command service's endpoint it posts to. */
enum FamilyAction {
    HOME_VISIT("home-visit", "/api/trajectories/{id}/home-visits"),
    PHONE_CONTACT("phone-contact", "/api/trajectories/{id}/phone-contacts"),
    PRACTICAL_SUPPORT("practical-support", "/api/trajectories/{id}/practical-support"),
    GOAL("goal", "/api/trajectories/{id}/goals"),
    FAMILY_PLAN("family-plan", "/api/trajectories/{id}/family-plan"),
    AGENCY_REFERRAL("agency-referral", "/api/trajectories/{id}/agency-referrals"),
    WARM_HANDOVER("warm-handover", "/api/trajectories/{id}/agency-referrals/{ref}/warm-handover"),
    SAFETY_ASSESSMENT("safety-assessment", "/api/trajectories/{id}/safety-assessments"),
    CLOSURE("closure", "/api/trajectories/{id}/closure"),
    AFTERCARE_CALL("aftercare-call", "/api/trajectories/{id}/aftercare-calls"),
    AFTERCARE_END("aftercare-end", "/api/trajectories/{id}/aftercare-end");

    private final String slug;
    private final String endpoint;

    FamilyAction(String slug, String endpoint) {
        this.slug = slug;
        this.endpoint = endpoint;
    }

    /** The path segment of the web's form ({@code /trajectories/{id}/home-visit}) and its message keys. */
    public String slug() {
        return slug;
    }

    String endpoint() {
        return endpoint;
    }
}
