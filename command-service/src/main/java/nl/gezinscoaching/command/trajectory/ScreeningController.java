package nl.gezinscoaching.command.trajectory;

import static nl.gezinscoaching.events.TextBounds.IDENTIFIER;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ScreeningRequest;
import nl.gezinscoaching.command.access.TrajectoryAction;
import nl.gezinscoaching.platform.access.Action;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triage's selection form (Coach je kind): the answer says whether the family stays on the waiting list
 * ({@code ACCEPTED}) or the referral is declined on its contra-indications ({@code DECLINED}).
 */
@RestController
@RequestMapping("/api")
class ScreeningController {

    private final CommandGateway commands;

    ScreeningController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/trajectories/{trajectoryId}/screening")
    @TrajectoryAction(Action.TRIAGE)
    Map<String, String> screen(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                               @Valid @RequestBody ScreeningRequest request) {
        ScreenFamilyCommand command = ReferralCommands.toCommand(request, trajectoryId);
        commands.sendAndWait(command);
        return Map.of("trajectoryId", trajectoryId, "outcome", command.declines() ? "DECLINED" : "ACCEPTED");
    }
}
