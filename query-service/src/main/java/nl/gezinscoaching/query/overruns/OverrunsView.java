package nl.gezinscoaching.query.overruns;

import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.query.support.PageInfo;

/** @param page where {@code trajectories} lies in the whole list, and its total */
public record OverrunsView(LocalDate asOf, int normMonths, PageInfo page, List<Overrun> trajectories) {

    /**
     * @param assignedOn       the first assignment: coaching started then
     * @param plannedEndOn     assignedOn plus the norm plus all granted extension months (calendar months)
     * @param waitingOnAgency  whether the family waits for a follow-up agency (referred, no warm handover yet)
     * @param waitingOnAgencies which agencies, when it does
     */
    public record Overrun(String trajectoryId, String coachId, LocalDate assignedOn, int extensionMonths,
                          LocalDate plannedEndOn, long daysOver, boolean waitingOnAgency,
                          List<String> waitingOnAgencies) {
    }
}
