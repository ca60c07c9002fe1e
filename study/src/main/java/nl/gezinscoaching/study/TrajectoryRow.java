package nl.gezinscoaching.study;

/**
 * One trajectory as of the cut-off: the row of {@code trajectories.csv} and {@code trajectories.parquet}.
 * Durations are in days; a duration whose end has not happened by the cut-off is null, except
 * {@code days_to_closure} and {@code aftercare_days}, which then run to the cut-off (right-censored:
 * {@code closed} / {@code aftercare_ended} false). Quasi-identifiers are as the k-anonymity rule releases them.
 *
 * @param trajectory                      the trajectory's pseudonym
 * @param referralPeriod                  month of the referral (YYYY-MM), or its quarter or year when coarsened
 * @param daysToClosure                   assignment to closure; to the cut-off when still open; null when never assigned
 * @param closed                          false: still open at the cut-off (censored)
 * @param agencyWaitDays                  every agency wait added up (referral to warm handover, or to closure or cut-off)
 * @param longestAgencyWaitDays           the longest of them
 * @param agencyWaitsOpen                 agency referrals without a warm handover (censored waits)
 */
record TrajectoryRow(String trajectory, String referralPeriod, String district, String language,
                     Boolean interpreterNeeded, String migrationGeneration, String cluster, String referrerType,
                     String referralReasons, boolean declined, Integer daysReferralToAssignment,
                     Integer daysAssignmentToFirstVisit, Integer daysAssignmentToPlan,
                     Integer daysAssignmentToFirstAgencyReferral, int agencyReferrals, int agencyWaitsOpen,
                     Integer agencyWaitDays, Integer longestAgencyWaitDays, Integer daysToClosure, boolean closed,
                     String closureReason, Integer aftercareDays, boolean aftercareEnded, int homeVisits,
                     int contacts, double contactHours, int extensions, int extensionMonths, int goalsSet,
                     int goalsFullyAchieved, int goalsPartlyAchieved, Integer clientSatisfaction,
                     String anonymisation) {

    /** The columns, in order, with their DuckDB types. */
    static final String[][] COLUMNS = {
            {"trajectory", "VARCHAR"}, {"referral_period", "VARCHAR"}, {"district", "VARCHAR"},
            {"language", "VARCHAR"}, {"interpreter_needed", "BOOLEAN"}, {"migration_generation", "VARCHAR"},
            {"cluster", "VARCHAR"}, {"referrer_type", "VARCHAR"}, {"referral_reasons", "VARCHAR"},
            {"declined", "BOOLEAN"}, {"days_referral_to_assignment", "INTEGER"},
            {"days_assignment_to_first_visit", "INTEGER"}, {"days_assignment_to_plan", "INTEGER"},
            {"days_assignment_to_first_agency_referral", "INTEGER"}, {"agency_referrals", "INTEGER"},
            {"agency_waits_open", "INTEGER"}, {"agency_wait_days", "INTEGER"},
            {"longest_agency_wait_days", "INTEGER"}, {"days_to_closure", "INTEGER"}, {"closed", "BOOLEAN"},
            {"closure_reason", "VARCHAR"}, {"aftercare_days", "INTEGER"}, {"aftercare_ended", "BOOLEAN"},
            {"home_visits", "INTEGER"}, {"contacts", "INTEGER"}, {"contact_hours", "DOUBLE"},
            {"extensions", "INTEGER"}, {"extension_months", "INTEGER"}, {"goals_set", "INTEGER"},
            {"goals_fully_achieved", "INTEGER"}, {"goals_partly_achieved", "INTEGER"},
            {"client_satisfaction", "INTEGER"}, {"anonymisation", "VARCHAR"}};

    /** The values in column order. */
    Object[] values() {
        return new Object[] {trajectory, referralPeriod, district, language, interpreterNeeded, migrationGeneration,
                cluster, referrerType, referralReasons, declined, daysReferralToAssignment, daysAssignmentToFirstVisit,
                daysAssignmentToPlan, daysAssignmentToFirstAgencyReferral, agencyReferrals, agencyWaitsOpen,
                agencyWaitDays, longestAgencyWaitDays, daysToClosure, closed, closureReason, aftercareDays,
                aftercareEnded, homeVisits, contacts, contactHours, extensions, extensionMonths, goalsSet,
                goalsFullyAchieved, goalsPartlyAchieved, clientSatisfaction, anonymisation};
    }
}
