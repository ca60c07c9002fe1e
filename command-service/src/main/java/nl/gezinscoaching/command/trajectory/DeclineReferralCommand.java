package nl.gezinscoaching.command.trajectory;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Triage declines the referral (for instance on a contra-indication). */
public record DeclineReferralCommand(@TargetAggregateIdentifier String trajectoryId,
                                     LocalDate declinedOn,
                                     String reason) implements TrajectoryCommand {
}
