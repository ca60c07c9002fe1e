package nl.gezinscoaching.web.families;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AssignmentRequest;
import nl.gezinscoaching.events.TextBounds;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import nl.gezinscoaching.web.families.FamilyController.FormView;
import nl.gezinscoaching.web.layout.Layout;
import nl.gezinscoaching.web.services.CommandRefusal;
import nl.gezinscoaching.web.services.CommandService;
import nl.gezinscoaching.web.services.QueryService;
import nl.gezinscoaching.api.views.MyFamiliesView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Mijn gezinnen": a coach's open families with what is due, most urgent first (as the query service orders
 * them); for a senior coach also the waiting list, each family with a form to assign it to a coach.
 */
@Controller
class MyFamiliesController {

    private final QueryService queries;
    private final CommandService commands;
    private final Layout layout;
    private final Clock clock;

    MyFamiliesController(QueryService queries, CommandService commands, Layout layout, Clock clock) {
        this.queries = queries;
        this.commands = commands;
        this.layout = layout;
        this.clock = clock;
    }

    @GetMapping("/")
    String myFamilies(Model model) {
        return page(model, null, null);
    }

    /** A senior coach assigns a waiting family; the command service checks the role and the coach's cluster. */
    @PostMapping("/trajectories/{trajectoryId}/assignment")
    String assign(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") AssignmentRequest form,
                  BindingResult binding, @RequestParam MultiValueMap<String, String> params, Model model,
                  RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        params.forEach((name, values) -> typed.put(name, String.join(", ", values)));
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(),
                "Size".equals(error.getCode()) ? "max-length" : "typeMismatch".equals(error.getCode()) ? "invalid" : "required"));
        String rule = null;
        if (errors.isEmpty()) {
            try {
                commands.record("/api/trajectories/{id}/assignment", form, params.getFirst("idempotencyKey"),
                        trajectoryId);
                redirect.addFlashAttribute("recorded", "assignment");
                return "redirect:/";
            } catch (CommandRefusal refusal) {
                refusal.fields().forEach(field -> errors.putIfAbsent(field.field(), field.rule()));
                rule = errors.isEmpty() ? (refusal.rule() == null ? "unknown" : refusal.rule()) : null;
            }
        }
        return page(model, trajectoryId, new FormView("assignment", UUID.randomUUID().toString(), typed, errors, rule));
    }

    private String page(Model model, String failedTrajectory, FormView failed) {
        PlatformUser user = layout.user();
        boolean coach = user != null && (user.has(Role.COACH) || user.has(Role.SENIOR_COACH));
        boolean senior = user != null && user.has(Role.SENIOR_COACH);
        model.addAttribute("coach", coach);
        model.addAttribute("senior", senior);
        if (coach) {
            MyFamiliesView families = queries.myFamilies();
            model.addAttribute("families", families);
            if (senior) {
                String today = LocalDate.now(clock).toString();
                Map<String, FormView> forms = new LinkedHashMap<>();
                families.waiting().forEach(waiting -> forms.put(waiting.trajectoryId(),
                        new FormView("assignment-" + waiting.trajectoryId(), UUID.randomUUID().toString(),
                                Map.of("assignedOn", today), Map.of(), null)));
                if (failed != null) {
                    forms.put(failedTrajectory, new FormView("assignment-" + failedTrajectory, failed.key(),
                            failed.values(), failed.errors(), failed.rule()));
                }
                model.addAttribute("assignmentForms", forms);
                model.addAttribute("today", today);
                model.addAttribute("earliest", nl.gezinscoaching.events.DateBounds.EARLIEST.toString());
                model.addAttribute("maxIdentifier", TextBounds.IDENTIFIER);
            }
        }
        return "families/mine";
    }
}
