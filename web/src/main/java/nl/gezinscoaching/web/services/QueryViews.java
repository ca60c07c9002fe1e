package nl.gezinscoaching.web.services;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.platform.ClockAutoConfiguration;

/**
 * The query service's answers as the web reads them. (The shared API module of phase 2 replaces these copies
 * with the records the service itself answers with.)
 */
public final class QueryViews {

    private QueryViews() {
    }

    public record MyFamilies(LocalDate asOf, List<Family> own, List<Family> cluster, List<WaitingFamily> waiting) {
    }

    public record Family(String trajectoryId, String familyName, String district, String coachId, String stage,
                         LocalDate assignedOn, LocalDate plannedEndOn, LocalDate lastContactOn, List<Due> due) {
    }

    /** {@code kind}: OVERRUN, NO_CONTACT, AFTERCARE_CALL, NO_FAMILY_PLAN, PLANNED_END_SOON, WAITING_AT_AGENCY. */
    public record Due(String kind, LocalDate dueSince, long days, List<String> agencies) {
    }

    public record WaitingFamily(String trajectoryId, String familyName, String district, LocalDate referredOn,
                                long daysWaiting) {
    }

    /** {@code plannedEndOn}: first assignment plus the norm plus extensions; null before an assignment. */
    public record FamilyHistory(String trajectoryId, LocalDate plannedEndOn, List<HistoryEntry> events) {

        public FamilyHistory(String trajectoryId, List<HistoryEntry> events) {
            this(trajectoryId, null, events);
        }

        /** The family's name, from the referral (the first event); {@code null} once erased. */
        public String familyName() {
            return events.stream().filter(e -> "FamilyReferred".equals(e.type())).findFirst()
                    .map(e -> e.data().get("family") instanceof Map<?, ?> family ? (String) family.get("name") : null)
                    .orElse(null);
        }

        public String district() {
            return events.stream().filter(e -> "FamilyReferred".equals(e.type())).findFirst()
                    .map(e -> e.data().get("family") instanceof Map<?, ?> family ? (String) family.get("district") : null)
                    .orElse(null);
        }
    }

    public record HistoryEntry(long sequence, String type, LocalDate occurredOn, Instant recordedAt, String recordedBy,
                               Map<String, Object> data) {

        /** When it was recorded, on the clock of the coaches (Amsterdam). */
        public LocalDateTime recordedAtInAmsterdam() {
            return LocalDateTime.ofInstant(recordedAt, ClockAutoConfiguration.AMSTERDAM);
        }
    }
}
