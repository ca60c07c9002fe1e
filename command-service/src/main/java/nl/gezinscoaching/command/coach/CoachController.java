package nl.gezinscoaching.command.coach;

import static nl.gezinscoaching.events.TextBounds.CODE;
import static nl.gezinscoaching.events.TextBounds.IDENTIFIER;
import static nl.gezinscoaching.events.TextBounds.NAME;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
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

    /** @param registeredOn the day the coach joined; today when left out */
    record CoachRequest(@NotBlank @Size(max = IDENTIFIER) @Pattern(regexp = "[A-Za-z0-9._-]*") String coachId,
                        @NotBlank @Size(max = NAME) String name,
                        @NotBlank @Size(max = CODE) String cluster,
                        @NotNull BigDecimal fte,
                        LocalDate registeredOn) {
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
