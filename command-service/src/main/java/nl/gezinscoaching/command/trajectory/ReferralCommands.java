package nl.gezinscoaching.command.trajectory;

import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ReferralRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ScreeningRequest;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.Referrer;

/** Maps the shared referral and screening bodies to commands (the shared records know no commands). */
final class ReferralCommands {

    private ReferralCommands() {
    }

    static ReferFamilyCommand toCommand(ReferralRequest request, String trajectoryId) {
        var family = request.family();
        return new ReferFamilyCommand(trajectoryId, request.receivedOn(),
                new Family(blankToNull(family.reference()), family.name(), family.district(), family.language(),
                        family.interpreterNeeded(), family.migrationGeneration()),
                request.children().stream().map(child -> new Child(child.name(), child.birthDate())).toList(),
                new Referrer(request.referrer().name(), request.referrer().organisation()),
                request.reasons(), Boolean.TRUE.equals(request.newHelpQuestion()),
                request.screening() == null ? null : toCommand(request.screening(), trajectoryId));
    }

    static ScreenFamilyCommand toCommand(ScreeningRequest request, String trajectoryId) {
        return new ScreenFamilyCommand(trajectoryId, request.screenedOn(), request.indications(),
                request.contraIndications(), request.overrideReason());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
