package nl.gezinscoaching.web.services;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.platform.ClockAutoConfiguration;

/**
 * The query service's management and audit views as the dashboard and audit pages read them (copies of the
 * service's answers, as {@link QueryViews}; fields the pages do not show are left out).
 */
public final class ManagementViews {

    private ManagementViews() {
    }

    public record Filter(String cluster, String district) {
    }

    public record Caseload(LocalDate asOf, BigDecimal normPerFte, List<CoachLoad> coaches, List<ClusterLoad> clusters,
                           List<DistrictLoad> districts, Filter filter) {
    }

    public record CoachLoad(String coachId, String name, String cluster, BigDecimal fte, int activeTrajectories,
                            BigDecimal capacity, boolean overCapacity) {
    }

    public record ClusterLoad(String cluster, int coaches, BigDecimal fte, int activeTrajectories, BigDecimal capacity,
                              boolean overCapacity) {
    }

    public record DistrictLoad(String district, int activeTrajectories, int waitingForCoach) {
    }

    public record Trend(LocalDate asOf, int months, Filter filter, List<TrendPoint> points) {
    }

    public record TrendPoint(LocalDate asOf, int coaches, int activeTrajectories, BigDecimal capacity,
                             int coachesOverCapacity) {
    }

    public record PageInfo(int number, int size, long totalItems, long totalPages) {

        public boolean hasPrevious() {
            return number > 0;
        }

        public boolean hasNext() {
            return number + 1 < totalPages;
        }
    }

    public record Trajectories(LocalDate asOf, Filter filter, String coachId, PageInfo page,
                               List<ActiveTrajectory> trajectories) {
    }

    public record ActiveTrajectory(String trajectoryId, String coachId, String cluster, String district,
                                   LocalDate referredOn, LocalDate withCoachSince) {
    }

    public record Overruns(LocalDate asOf, int normMonths, PageInfo page, List<Overrun> trajectories) {
    }

    public record Overrun(String trajectoryId, String coachId, LocalDate assignedOn, int extensionMonths,
                          LocalDate plannedEndOn, long daysOver, boolean waitingOnAgency,
                          List<String> waitingOnAgencies) {
    }

    public record WaitingList(LocalDate asOf, PageInfo awaitingCoachPage, List<AwaitingCoach> awaitingCoach,
                              PageInfo awaitingAgencyPage, List<AwaitingAgency> awaitingAgency,
                              List<AgencyWait> perAgency) {
    }

    public record AwaitingCoach(String trajectoryId, String district, LocalDate referredOn, long daysWaiting) {
    }

    public record AwaitingAgency(String trajectoryId, String agencyReferralId, String agency, LocalDate referredOn,
                                 long daysWaiting) {
    }

    public record AgencyWait(String agency, int waiting, Double medianDaysWaiting, int handedOver,
                             Double medianDaysToWarmHandover) {
    }

    public record QualityReport(LocalDate from, LocalDate to, int referralsReceived, int referralsDeclined,
                                int familiesStarted, int familiesClosed, Map<String, Integer> closuresByReason,
                                Double dropOutShare, int homeVisits, Double homeVisitsPerClosedFamily, int goalsSet,
                                int goalsEvaluated, Map<String, Integer> goalAttainment, Double goalsAchievedShare,
                                Satisfaction clientSatisfaction, Satisfaction referrerSatisfaction,
                                Double medianDaysReferralToAssignment, Double medianDaysAssignmentToClosure) {
    }

    public record Satisfaction(int answered, Double mean) {
    }

    public record FamilyReads(String trajectoryId, PageInfo page, List<Read> reads) {
    }

    public record Read(Instant readAt, String reader, String purpose) {

        /** When it was read, on the clock of the coaches (Amsterdam). */
        public LocalDateTime readAtInAmsterdam() {
            return LocalDateTime.ofInstant(readAt, ClockAutoConfiguration.AMSTERDAM);
        }
    }

    public record Verification(boolean intact, long entries, long pendingEntries, Instant oldestPendingAt,
                               long unkeyedEntries, Long firstBrokenEntryId, boolean anchorFile, int anchorsChecked,
                               List<Problem> problems, Instant checkedAt) {

        public LocalDateTime checkedAtInAmsterdam() {
            return checkedAt == null ? null : LocalDateTime.ofInstant(checkedAt, ClockAutoConfiguration.AMSTERDAM);
        }

        public LocalDateTime oldestPendingAtInAmsterdam() {
            return oldestPendingAt == null ? null
                    : LocalDateTime.ofInstant(oldestPendingAt, ClockAutoConfiguration.AMSTERDAM);
        }
    }

    public record Problem(Integer anchorLine, Long entryId, String problem) {
    }

    public record Retention(LocalDate asOf, int retentionYears, PageInfo page, List<Due> due) {
    }

    public record Due(String trajectoryId, LocalDate closedOn, LocalDate retentionEndsOn, long daysOverdue) {
    }

    /** A CSV answer of the service, passed on as it came (its file name in {@code contentDisposition}). */
    public record CsvFile(byte[] body, String contentDisposition) {
    }
}
