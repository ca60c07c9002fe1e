package nl.gezinscoaching.query.waiting;

import java.time.LocalDate;
import java.util.List;

public record WaitingListView(LocalDate asOf, List<AwaitingCoach> awaitingCoach, List<AwaitingAgency> awaitingAgency,
                              List<AgencyWait> perAgency) {

    public record AwaitingCoach(String trajectoryId, String district, LocalDate referredOn, long daysWaiting) {
    }

    public record AwaitingAgency(String trajectoryId, String agencyReferralId, String agency, LocalDate referredOn,
                                 long daysWaiting) {
    }

    /**
     * @param waiting                   families waiting for this agency now
     * @param medianDaysWaiting         median wait so far of those families
     * @param handedOver                warm handovers to this agency so far
     * @param medianDaysToWarmHandover  median days from referral to warm handover, over those handovers
     */
    public record AgencyWait(String agency, int waiting, Double medianDaysWaiting, int handedOver,
                             Double medianDaysToWarmHandover) {
    }
}
