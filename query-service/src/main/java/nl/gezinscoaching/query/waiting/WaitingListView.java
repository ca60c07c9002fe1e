package nl.gezinscoaching.query.waiting;

import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.query.support.PageInfo;

/**
 * @param awaitingCoachPage  where {@code awaitingCoach} lies in the whole list, and its total
 * @param awaitingAgencyPage where {@code awaitingAgency} lies in the whole list, and its total
 */
public record WaitingListView(LocalDate asOf, PageInfo awaitingCoachPage, List<AwaitingCoach> awaitingCoach,
                              PageInfo awaitingAgencyPage, List<AwaitingAgency> awaitingAgency,
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
