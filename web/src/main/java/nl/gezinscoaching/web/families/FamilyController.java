package nl.gezinscoaching.web.families;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jakarta.validation.Valid;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AftercareCallRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AftercareEndRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AgencyReferralRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ClosureRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.CoordinationMeetingRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.DeclineRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ExtensionRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.FamilyPlanRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.GoalEvaluationRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.GoalRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.HomeVisitRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.PhoneContactRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.PracticalSupportRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ProblemInventoryRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.SafetyAssessmentRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ScreeningRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.WarmHandoverRequest;
import nl.gezinscoaching.events.DateBounds;
import nl.gezinscoaching.events.TextBounds;
import nl.gezinscoaching.events.aftercare.Wellbeing;
import nl.gezinscoaching.events.contact.SupportKind;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.safety.SafetyVerdict;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.Indication;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import nl.gezinscoaching.web.layout.Layout;
import nl.gezinscoaching.web.services.CommandRefusal;
import nl.gezinscoaching.web.services.CommandService;
import nl.gezinscoaching.web.services.QueryService;
import nl.gezinscoaching.api.views.TrajectoryHistory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One family's page: what happened, when, recorded by whom (the history view), and a form for each action
 * the trajectory's state allows ({@link TrajectoryState}). Each form binds to the shared-api record the
 * command service accepts, is checked here (bean validation) and posted as the signed-in user; a refusal,
 * here or by the service, shows the page again with the reason next to its field and every typed value kept;
 * a success redirects back to the page with a flash message (post/redirect/get). The services decide who
 * may read and do what: another coach's family is their 403, shown as the 403 page.
 */
@Controller
class FamilyController {

    private final QueryService queries;
    private final CommandService commands;
    private final Layout layout;
    private final Clock clock;

    FamilyController(QueryService queries, CommandService commands, Layout layout, Clock clock) {
        this.queries = queries;
        this.commands = commands;
        this.layout = layout;
        this.clock = clock;
    }

    /** One rendered form: its key (the idempotency key), the values to show, the refused fields and rule. */
    record FormView(String slug, String key, Map<String, String> values, Map<String, String> errors, String rule) {

        public boolean failed() {
            return !errors.isEmpty() || rule != null;
        }

        public String error(String field) {
            return errors.get(field);
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }
    }

    /** Events on the timeline unless the whole timeline is asked for: the newest, so a long history stays readable. */
    static final int TIMELINE_NEWEST = 50;

    @GetMapping("/trajectories/{trajectoryId}")
    String family(@PathVariable String trajectoryId,
                  @RequestParam(name = "tijdlijn", required = false) String timeline, Model model) {
        String view = page(trajectoryId, model, null);
        if ("alles".equals(timeline)) {
            model.addAttribute("timelineEvents", ((TrajectoryHistory) model.getAttribute("history")).events());
        }
        return view;
    }

    /** Triage of a waiting family (senior coach): the selection form, once; see {@link #submit}. */
    @PostMapping("/trajectories/{trajectoryId}/screening")
    String screening(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") ScreeningRequest form,
                     BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                     RedirectAttributes redirect) {
        ScreeningRequest screening = new ScreeningRequest(form.screenedOn(),
                form.indications() == null ? Set.of() : form.indications(),
                form.contraIndications() == null ? Set.of() : form.contraIndications(),
                form.overrideReason() == null || form.overrideReason().isBlank() ? null : form.overrideReason());
        if (!errors.hasErrors() && !screening.contraIndications().isEmpty() && screening.overrideReason() == null
                && !"true".equals(params.getFirst("confirmDecline"))) {
            // a contra-indication declines the referral for good: ask first (same key: nothing was posted)
            return page(trajectoryId, model, new FormView(FamilyAction.SCREENING.slug(), params.getFirst("idempotencyKey"),
                    typed(params), Map.of(), "confirm-decline"));
        }
        return submit(trajectoryId, FamilyAction.SCREENING, screening, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/decline")
    String decline(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") DeclineRequest form,
                   BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                   RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.DECLINE, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/home-visit")
    String homeVisit(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") HomeVisitRequest form,
                     BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                     RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.HOME_VISIT, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/phone-contact")
    String phoneContact(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") PhoneContactRequest form,
                        BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                        RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.PHONE_CONTACT, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/practical-support")
    String practicalSupport(@PathVariable String trajectoryId,
                            @Valid @ModelAttribute("form") PracticalSupportRequest form, BindingResult errors,
                            @RequestParam MultiValueMap<String, String> params, Model model,
                            RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.PRACTICAL_SUPPORT, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/problem-inventory")
    String problemInventory(@PathVariable String trajectoryId,
                            @Valid @ModelAttribute("form") ProblemInventoryRequest form, BindingResult errors,
                            @RequestParam MultiValueMap<String, String> params, Model model,
                            RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.PROBLEM_INVENTORY, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/goal")
    String goal(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") GoalRequest form,
                BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.GOAL, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/goal-evaluation")
    String goalEvaluation(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") GoalEvaluationRequest form,
                          BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                          RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.GOAL_EVALUATION, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/family-plan")
    String familyPlan(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") FamilyPlanRequest form,
                      BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                      RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.FAMILY_PLAN, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/agency-referral")
    String agencyReferral(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") AgencyReferralRequest form,
                          BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                          RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.AGENCY_REFERRAL, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/warm-handover")
    String warmHandover(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") WarmHandoverRequest form,
                        BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                        RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.WARM_HANDOVER, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/coordination-meeting")
    String coordinationMeeting(@PathVariable String trajectoryId,
                               @Valid @ModelAttribute("form") CoordinationMeetingRequest form, BindingResult errors,
                               @RequestParam MultiValueMap<String, String> params, Model model,
                               RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.COORDINATION_MEETING, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/safety-assessment")
    String safetyAssessment(@PathVariable String trajectoryId,
                            @Valid @ModelAttribute("form") SafetyAssessmentRequest form, BindingResult errors,
                            @RequestParam MultiValueMap<String, String> params, Model model,
                            RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.SAFETY_ASSESSMENT, form, errors, params, model, redirect);
    }

    /** Offered to a senior coach only; the command service checks the role (another's attempt is its 403). */
    @PostMapping("/trajectories/{trajectoryId}/extension")
    String extension(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") ExtensionRequest form,
                     BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                     RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.EXTENSION, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/closure")
    String closure(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") ClosureRequest form,
                   BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                   RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.CLOSURE, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/aftercare-call")
    String aftercareCall(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") AftercareCallRequest form,
                         BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                         RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.AFTERCARE_CALL, form, errors, params, model, redirect);
    }

    @PostMapping("/trajectories/{trajectoryId}/aftercare-end")
    String aftercareEnd(@PathVariable String trajectoryId, @Valid @ModelAttribute("form") AftercareEndRequest form,
                        BindingResult errors, @RequestParam MultiValueMap<String, String> params, Model model,
                        RedirectAttributes redirect) {
        return submit(trajectoryId, FamilyAction.AFTERCARE_END, form, errors, params, model, redirect);
    }

    private String submit(String trajectoryId, FamilyAction action, Object form, BindingResult binding,
                          MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> typed = typed(params);
        String subject = action.subjectField() == null ? null : params.getFirst(action.subjectField());
        boolean subjectMissing = action.subjectField() != null && (subject == null || subject.isBlank());
        if (binding.hasErrors() || subjectMissing) {
            Map<String, String> errors = new LinkedHashMap<>();
            if (subjectMissing) {
                errors.put(action.subjectField(), "required");
            }
            for (FieldError error : binding.getFieldErrors()) {
                errors.putIfAbsent(fieldOf(error.getField()), FormRules.of(error));
            }
            return page(trajectoryId, model, new FormView(action.slug(), newKey(), typed, errors,
                    errors.isEmpty() ? "invalid" : null));
        }
        try {
            commands.record(action.endpoint(), form, params.getFirst("idempotencyKey"), trajectoryId, subject);
        } catch (CommandRefusal refusal) {
            Map<String, String> errors = new LinkedHashMap<>();
            refusal.fields().forEach(field -> errors.putIfAbsent(fieldOf(field.field()), field.rule()));
            return page(trajectoryId, model, new FormView(action.slug(), newKey(), typed, errors,
                    errors.isEmpty() ? (refusal.rule() == null ? "unknown" : refusal.rule()) : null));
        }
        redirect.addFlashAttribute("recorded", action.slug());
        if (action == FamilyAction.DECLINE || action == FamilyAction.SCREENING && declines((ScreeningRequest) form)) {
            // a declined family is no longer the senior coach's to read: back to the waiting list
            redirect.addFlashAttribute("recorded", "referral-declined");
            return "redirect:/";
        }
        return "redirect:/trajectories/{trajectoryId}";
    }

    private static boolean declines(ScreeningRequest screening) {
        return !screening.contraIndications().isEmpty() && screening.overrideReason() == null;
    }

    /** What was typed, as the form shows it again (several values of one name joined by ", "). */
    static Map<String, String> typed(MultiValueMap<String, String> params) {
        Map<String, String> typed = new LinkedHashMap<>();
        params.forEach((name, values) -> typed.put(name, String.join(", ", values)));
        return typed;
    }

    private String page(String trajectoryId, Model model, FormView failed) {
        TrajectoryHistory history = queries.history(trajectoryId);
        TrajectoryState state = TrajectoryState.of(history);
        PlatformUser user = layout.user();
        // a manager (or analyst) reads the page and records nothing: no forms; the service would refuse them
        boolean records = user != null && (user.has(Role.COACH) || user.has(Role.SENIOR_COACH) || user.has(Role.ADMIN));
        Set<FamilyAction> allowed = records ? state.allowed(user.has(Role.SENIOR_COACH) || user.has(Role.ADMIN))
                : Set.of();
        String today = LocalDate.now(clock).toString();
        Map<String, FormView> forms = new HashMap<>();
        for (FamilyAction action : allowed) {
            Map<String, String> defaults = new HashMap<>();
            for (String date : List.of("visitedOn", "contactedOn", "setOn", "agreedOn", "referredOn", "handedOverOn",
                    "closedOn", "calledOn", "endedOn", "givenOn", "assessedOn", "evaluatedOn",
                    "inventoriedOn", "heldOn", "grantedOn", "screenedOn", "declinedOn")) {
                defaults.put(date, today);
            }
            defaults.put("interpreterUsed", "false");
            defaults.put("reportedToVeiligThuis", "false");
            defaults.put("parentsPresent", "false");
            forms.put(action.slug(), new FormView(action.slug(), newKey(), defaults, Map.of(), null));
        }
        if (failed != null) {
            forms.put(failed.slug(), failed);
        }
        model.addAttribute("history", history);
        List<TrajectoryHistory.Entry> events = history.events();
        model.addAttribute("timelineEvents", events.subList(Math.max(0, events.size() - TIMELINE_NEWEST), events.size()));
        model.addAttribute("state", state);
        model.addAttribute("actions", allowed.stream().map(FamilyAction::slug).toList());
        model.addAttribute("forms", forms);
        model.addAttribute("today", today);
        model.addAttribute("todayDate", LocalDate.parse(today));
        model.addAttribute("indications", Indication.values());
        model.addAttribute("contraIndications", ContraIndication.values());
        model.addAttribute("confirmDecline", failed != null && "confirm-decline".equals(failed.rule()));
        model.addAttribute("earliest", DateBounds.EARLIEST.toString());
        model.addAttribute("maxFreeText", TextBounds.FREE_TEXT);
        model.addAttribute("maxName", TextBounds.NAME);
        model.addAttribute("maxCode", TextBounds.CODE);
        model.addAttribute("maxItems", TextBounds.LIST_ITEMS);
        // a list of names typed as one text, comma separated: at most LIST_ITEMS names of NAME characters each
        model.addAttribute("maxNameList", TextBounds.LIST_ITEMS * (TextBounds.NAME + 2));
        model.addAttribute("lifeDomains", LifeDomain.values());
        model.addAttribute("subgoals", Subgoal.values()); // issue 14: the goal form's Coach je kind subgoals
        model.addAttribute("visitLocations", VisitLocation.values()); // issue 14: where a visit took place
        model.addAttribute("closureReasons", ClosureReason.values());
        model.addAttribute("wellbeings", Wellbeing.values());
        model.addAttribute("supportKinds", SupportKind.values());
        model.addAttribute("attainments", GoalAttainment.values());
        model.addAttribute("safetyVerdicts", SafetyVerdict.values());
        return "families/family";
    }

    /** An element's refusal ({@code agencies[2]}) is shown next to its list's field. */
    private static String fieldOf(String field) {
        int index = field.indexOf('[');
        return index < 0 ? field : field.substring(0, index);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
