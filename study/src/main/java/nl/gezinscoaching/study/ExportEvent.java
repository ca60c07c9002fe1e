package nl.gezinscoaching.study;

import java.time.LocalDate;

/**
 * One line of the event export, with the fields of its data that the study uses (null when the event has
 * no such field): DuckDB reads them straight into typed columns, so no line is parsed twice.
 */
record ExportEvent(String type, LocalDate occurredOn, String trajectory, String coach, String district,
                   String language, Boolean interpreterNeeded, String migrationGeneration, String referrerType,
                   String reasons, String cluster, Integer durationMinutes, String agencyReferralId, String agency,
                   Integer months, String goalId, String attainment, String reason, Integer clientSatisfaction) {
}
