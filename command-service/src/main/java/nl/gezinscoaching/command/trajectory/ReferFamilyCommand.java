package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Refer a family: opens a trajectory and puts the family on the waiting list. With {@code screening} (the
 * intake's selection form, same trajectory id) the screening is recorded in the same step, and a
 * contra-indication without override declines the referral at once.
 */
public record ReferFamilyCommand(@TargetAggregateIdentifier String trajectoryId,
                                 LocalDate receivedOn,
                                 Family family,
                                 List<Child> children,
                                 Referrer referrer,
                                 Set<ReferralReason> reasons,
                                 boolean newHelpQuestion,
                                 ScreenFamilyCommand screening) implements TrajectoryCommand {

    /** A referral without the selection form. */
    public ReferFamilyCommand(String trajectoryId, LocalDate receivedOn, Family family, List<Child> children,
                              Referrer referrer, Set<ReferralReason> reasons, boolean newHelpQuestion) {
        this(trajectoryId, receivedOn, family, children, referrer, reasons, newHelpQuestion, null);
    }
}
