package nl.gezinscoaching.command.privacy;

import static nl.gezinscoaching.events.TextBounds.IDENTIFIER;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import nl.gezinscoaching.api.privacy.ErasureRequest;
import nl.gezinscoaching.platform.access.Action;
import nl.gezinscoaching.command.access.TrajectoryAction;
import nl.gezinscoaching.events.privacy.ErasureRequester;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/families/{trajectoryId}/erasure}: administrators only. */
@RestController
class ErasureController {

    private final CommandGateway commands;
    private final Clock clock;

    ErasureController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/api/families/{trajectoryId}/erasure")
    @TrajectoryAction(Action.ERASURE)
    Map<String, String> erase(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                              @Valid @RequestBody ErasureRequest request) {
        LocalDate erasedOn = request.erasedOn() != null ? request.erasedOn() : LocalDate.now(clock);
        commands.sendAndWait(new EraseFamilyDataCommand(trajectoryId, erasedOn, request.requester(),
                request.legalGround().strip()));
        return Map.of("trajectoryId", trajectoryId, "erasedOn", erasedOn.toString());
    }
}
