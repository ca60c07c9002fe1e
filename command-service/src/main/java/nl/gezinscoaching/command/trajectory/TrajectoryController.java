package nl.gezinscoaching.command.trajectory;

import static nl.gezinscoaching.events.TextBounds.IDENTIFIER;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AftercareCallRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AftercareEndRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AgencyReferralRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AssignmentRequest;
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
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ReferralRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.SafetyAssessmentRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.WarmHandoverRequest;
import nl.gezinscoaching.platform.access.AccessRule;
import nl.gezinscoaching.platform.access.Action;
import nl.gezinscoaching.platform.access.GuidanceLookup;
import nl.gezinscoaching.command.access.TrajectoryAction;
import nl.gezinscoaching.platform.security.CurrentUser;
import nl.gezinscoaching.platform.security.PlatformUser;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The command API of family trajectories: one POST per thing a coach does. */
@RestController
@RequestMapping("/api")
class TrajectoryController {

    private final CommandGateway commands;
    private final GuidanceLookup guidances;

    TrajectoryController(CommandGateway commands, GuidanceLookup guidances) {
        this.commands = commands;
        this.guidances = guidances;
    }

    @PostMapping("/referrals")
    ResponseEntity<Map<String, String>> refer(@Valid @RequestBody ReferralRequest request) {
        String trajectoryId = UUID.randomUUID().toString();
        ReferFamilyCommand command = ReferralCommands.toCommand(request, trajectoryId);
        commands.sendAndWait(command);
        Map<String, String> answer = command.screening() == null ? Map.of("trajectoryId", trajectoryId)
                : Map.of("trajectoryId", trajectoryId, "outcome", command.screening().declines() ? "DECLINED" : "ACCEPTED");
        return ResponseEntity.created(URI.create("/api/trajectories/" + trajectoryId)).body(answer);
    }

    @PostMapping("/trajectories/{trajectoryId}/decline")
    @TrajectoryAction(Action.TRIAGE)
    Map<String, String> decline(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                @Valid @RequestBody DeclineRequest request) {
        commands.sendAndWait(new DeclineReferralCommand(trajectoryId, request.declinedOn(), request.reason()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/assignment")
    @TrajectoryAction(Action.ASSIGNMENT)
    Map<String, String> assign(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                               @Valid @RequestBody AssignmentRequest request) {
        requireCoachOfOwnCluster(request.coachId());
        commands.sendAndWait(new AssignCoachCommand(trajectoryId, request.coachId(), request.assignedOn()));
        return Map.of("trajectoryId", trajectoryId, "coachId", request.coachId());
    }

    /**
     * A senior coach assigns to the coaches of their own cluster ({@link AccessRule#mayAssignTo}); an
     * unknown coach is the aggregate's 404.
     */
    private void requireCoachOfOwnCluster(String coachId) {
        PlatformUser user = CurrentUser.get().orElseThrow(() -> new AccessDeniedException("No user"));
        guidances.coach(coachId)
                .filter(coach -> !AccessRule.mayAssignTo(user, coach))
                .ifPresent(coach -> {
                    throw new AccessDeniedException("Not a coach of this user's cluster");
                });
    }

    @PostMapping("/trajectories/{trajectoryId}/home-visits")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> homeVisit(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                  @Valid @RequestBody HomeVisitRequest request) {
        String visitId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordHomeVisitCommand(trajectoryId, visitId, request.visitedOn(),
                request.durationMinutes(), request.interpreterUsed(), request.summary(), request.location()));
        return Map.of("trajectoryId", trajectoryId, "visitId", visitId);
    }

    @PostMapping("/trajectories/{trajectoryId}/phone-contacts")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> phoneContact(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                     @Valid @RequestBody PhoneContactRequest request) {
        commands.sendAndWait(new LogPhoneContactCommand(trajectoryId, request.contactedOn(), request.durationMinutes(),
                request.summary()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/practical-support")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> practicalSupport(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                         @Valid @RequestBody PracticalSupportRequest request) {
        commands.sendAndWait(new RecordPracticalSupportCommand(trajectoryId, request.givenOn(), request.kind(),
                request.durationMinutes(), request.notes()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/problem-inventory")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> problemInventory(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                         @Valid @RequestBody ProblemInventoryRequest request) {
        commands.sendAndWait(new InventoryProblemsCommand(trajectoryId, request.inventoriedOn(), request.problemDomains(),
                request.notes()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/goals")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> setGoal(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                @Valid @RequestBody GoalRequest request) {
        String goalId = UUID.randomUUID().toString();
        commands.sendAndWait(new SetGoalCommand(trajectoryId, goalId, request.description(), request.lifeDomain(),
                request.setOn(), request.subgoals()));
        return Map.of("trajectoryId", trajectoryId, "goalId", goalId);
    }

    @PostMapping("/trajectories/{trajectoryId}/goals/{goalId}/evaluation")
    @TrajectoryAction(Action.COACHING)
    Map<String, String> evaluateGoal(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                     @PathVariable @Size(max = IDENTIFIER) String goalId,
                                     @Valid @RequestBody GoalEvaluationRequest request) {
        commands.sendAndWait(new EvaluateGoalCommand(trajectoryId, goalId, request.attainment(), request.evaluatedOn()));
        return Map.of("trajectoryId", trajectoryId, "goalId", goalId);
    }

    @PostMapping("/trajectories/{trajectoryId}/family-plan")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> familyPlan(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                   @Valid @RequestBody FamilyPlanRequest request) {
        List<String> cosigners = request.cosigningAgencies() == null ? List.of() : request.cosigningAgencies();
        commands.sendAndWait(new AgreeFamilyPlanCommand(trajectoryId, request.agreedOn(), cosigners));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/agency-referrals")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> referToAgency(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                      @Valid @RequestBody AgencyReferralRequest request) {
        String agencyReferralId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReferToAgencyCommand(trajectoryId, agencyReferralId, request.agency().strip(),
                request.referredOn()));
        return Map.of("trajectoryId", trajectoryId, "agencyReferralId", agencyReferralId);
    }

    @PostMapping("/trajectories/{trajectoryId}/agency-referrals/{agencyReferralId}/warm-handover")
    @TrajectoryAction(Action.COACHING)
    Map<String, String> warmHandover(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                     @PathVariable @Size(max = IDENTIFIER) String agencyReferralId,
                                     @Valid @RequestBody WarmHandoverRequest request) {
        commands.sendAndWait(new RecordWarmHandoverCommand(trajectoryId, agencyReferralId, request.handedOverOn()));
        return Map.of("trajectoryId", trajectoryId, "agencyReferralId", agencyReferralId);
    }

    @PostMapping("/trajectories/{trajectoryId}/coordination-meetings")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> coordinationMeeting(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                            @Valid @RequestBody CoordinationMeetingRequest request) {
        commands.sendAndWait(new RecordCoordinationMeetingCommand(trajectoryId, request.heldOn(), request.agencies(),
                request.parentsPresent(), request.notes()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/safety-assessments")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> safetyAssessment(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                         @Valid @RequestBody SafetyAssessmentRequest request) {
        commands.sendAndWait(new AssessSafetyCommand(trajectoryId, request.assessedOn(), request.verdict(),
                request.reportedToVeiligThuis(), request.notes()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/extensions")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.EXTENSION)
    Map<String, String> extension(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                  @Valid @RequestBody ExtensionRequest request) {
        commands.sendAndWait(new GrantExtensionCommand(trajectoryId, request.grantedOn(), request.months(),
                request.reason()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/closure")
    @TrajectoryAction(Action.COACHING)
    Map<String, String> close(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                              @Valid @RequestBody ClosureRequest request) {
        commands.sendAndWait(new CloseTrajectoryCommand(trajectoryId, request.closedOn(), request.reason(),
                request.clientSatisfaction(), request.referrerSatisfaction(), request.closingLetterLanguage(),
                request.goalAttainments()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/aftercare-calls")
    @ResponseStatus(HttpStatus.CREATED)
    @TrajectoryAction(Action.COACHING)
    Map<String, String> aftercareCall(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                      @Valid @RequestBody AftercareCallRequest request) {
        commands.sendAndWait(new LogAftercareCallCommand(trajectoryId, request.calledOn(), request.wellbeing(),
                request.notes()));
        return Map.of("trajectoryId", trajectoryId);
    }

    @PostMapping("/trajectories/{trajectoryId}/aftercare-end")
    @TrajectoryAction(Action.COACHING)
    Map<String, String> endAftercare(@PathVariable @Size(max = IDENTIFIER) String trajectoryId,
                                     @Valid @RequestBody AftercareEndRequest request) {
        commands.sendAndWait(new EndAftercareCommand(trajectoryId, request.endedOn()));
        return Map.of("trajectoryId", trajectoryId);
    }
}
