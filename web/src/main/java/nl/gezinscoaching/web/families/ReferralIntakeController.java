package nl.gezinscoaching.web.families;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import nl.gezinscoaching.events.DateBounds;
import nl.gezinscoaching.events.TextBounds;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.Indication;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import nl.gezinscoaching.web.WebProperties;
import nl.gezinscoaching.web.families.FamilyController.FormView;
import nl.gezinscoaching.web.families.IntakeForm.Intake;
import nl.gezinscoaching.web.layout.Layout;
import nl.gezinscoaching.web.services.CommandRefusal;
import nl.gezinscoaching.web.services.CommandService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /referrals/new}: the intake of a referral with the Coach je kind selection form, by a senior coach
 * (the command service lets senior coaches and administrators refer; others get the 403 page here too).
 * Both are posted as one request ({@code POST /api/referrals} with {@code screening}), so the referral and
 * its screening are recorded together or not at all. A contra-indication without a reason to accept the
 * family declines the referral: the page asks to confirm that before posting.
 */
@Controller
class ReferralIntakeController {

    static final String SLUG = "referral";
    /** Child rows the page offers at first, and how many more "another child" adds. */
    static final int CHILD_ROWS = 3;

    private final CommandService commands;
    private final Layout layout;
    private final Clock clock;
    private final Validator validator;
    private final WebProperties properties;

    ReferralIntakeController(CommandService commands, Layout layout, Clock clock, Validator validator,
                             WebProperties properties) {
        this.commands = commands;
        this.layout = layout;
        this.clock = clock;
        this.validator = validator;
        this.properties = properties;
    }

    @GetMapping("/referrals/new")
    String intake(Model model) {
        requireIntakeRole();
        String today = LocalDate.now(clock).toString();
        Map<String, String> defaults = Map.of("receivedOn", today, "screening.screenedOn", today,
                "family.interpreterNeeded", "false", "newHelpQuestion", "false");
        return page(model, new FormView(SLUG, newKey(), defaults, Map.of(), null), CHILD_ROWS, false);
    }

    @PostMapping("/referrals")
    String refer(@ModelAttribute("form") IntakeForm form, BindingResult binding,
                 @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        requireIntakeRole();
        Map<String, String> typed = new LinkedHashMap<>();
        params.forEach((name, values) -> typed.put(name, String.join(", ", values)));
        int rows = Math.max(CHILD_ROWS, form.children() == null ? 0 : form.children().size());
        String key = params.getFirst("idempotencyKey");
        if (params.containsKey("anotherChild")) {
            // "another child": the same form with more rows, nothing posted, the key kept
            return page(model, new FormView(SLUG, key, typed, Map.of(), null),
                    Math.min(rows + CHILD_ROWS, TextBounds.LIST_ITEMS), false);
        }
        Intake intake = form.toIntake();
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(), FormRules.of(error)));
        for (ConstraintViolation<?> violation : validator.validate(intake.request())) {
            String field = intake.pageField(violation.getPropertyPath().toString());
            String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            errors.putIfAbsent(listField(field), FormRules.of(constraint, violation.getInvalidValue()));
        }
        if (!errors.isEmpty()) {
            return page(model, new FormView(SLUG, newKey(), typed, errors, null), rows, false);
        }
        if (intake.declines() && !"true".equals(params.getFirst("confirmDecline"))) {
            // a contra-indication declines the referral for good: ask first (the same key: nothing was posted)
            return page(model, new FormView(SLUG, key, typed, Map.of(), "confirm-decline"), rows, true);
        }
        Map<String, Object> answer;
        try {
            answer = commands.record("/api/referrals", intake.request(), key);
        } catch (CommandRefusal refusal) {
            refusal.fields().forEach(field -> errors.putIfAbsent(listField(intake.pageField(field.field())),
                    field.rule()));
            return page(model, new FormView(SLUG, newKey(), typed, errors,
                    errors.isEmpty() ? (refusal.rule() == null ? "unknown" : refusal.rule()) : null), rows, false);
        }
        boolean declined = "DECLINED".equals(answer.get("outcome"));
        redirect.addFlashAttribute("recorded", declined ? "referral-declined" : "referral");
        if (!declined) {
            redirect.addFlashAttribute("referredTrajectory", answer.get("trajectoryId"));
        }
        return "redirect:/";
    }

    private void requireIntakeRole() {
        PlatformUser user = layout.user();
        if (user == null || !(user.has(Role.SENIOR_COACH) || user.has(Role.ADMIN))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private String page(Model model, FormView form, int childRows, boolean confirmDecline) {
        model.addAttribute("f", form);
        model.addAttribute("childRows", childRows);
        model.addAttribute("confirmDecline", confirmDecline);
        model.addAttribute("today", LocalDate.now(clock).toString());
        model.addAttribute("earliest", DateBounds.EARLIEST.toString());
        model.addAttribute("maxName", TextBounds.NAME);
        model.addAttribute("maxCode", TextBounds.CODE);
        model.addAttribute("maxFreeText", TextBounds.FREE_TEXT);
        model.addAttribute("districts", properties.districts());
        model.addAttribute("migrationGenerations", MigrationGeneration.values());
        model.addAttribute("referralReasons", ReferralReason.values());
        model.addAttribute("indications", Indication.values());
        model.addAttribute("contraIndications", ContraIndication.values());
        return "referrals/new";
    }

    /** A refused element of a set ({@code reasons[]}, {@code screening.indications[]}) is shown at its set. */
    private static String listField(String field) {
        return field.replaceAll("(reasons|indications|contraIndications)\\[[^]]*]$", "$1");
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
