package nl.gezinscoaching.command.coach;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import nl.gezinscoaching.api.coach.CoachRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/coaches")
class CoachController {

    private final CommandGateway commands;
    private final Clock clock;

    CoachController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody CoachRequest request) {
        LocalDate registeredOn = request.registeredOn() == null ? LocalDate.now(clock) : request.registeredOn();
        commands.sendAndWait(new RegisterCoachCommand(request.coachId(), request.name().strip(),
                request.cluster().strip(), request.fte(), registeredOn));
        return ResponseEntity.created(URI.create("/api/coaches/" + request.coachId()))
                .body(Map.of("coachId", request.coachId()));
    }
}
