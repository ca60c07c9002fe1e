package nl.gezinscoaching.command.trajectory;

import nl.gezinscoaching.api.trajectory.TrajectoryStage;
import nl.gezinscoaching.api.trajectory.TrajectoryStage.Refusal;
import nl.gezinscoaching.api.trajectory.TrajectoryStage.Step;
import static nl.gezinscoaching.command.rules.BusinessDates.requireNotBefore;
import static nl.gezinscoaching.command.rules.BusinessDates.requireNotInFuture;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import nl.gezinscoaching.command.coach.CoachDirectory;
import nl.gezinscoaching.command.rules.InvalidFieldException;
import nl.gezinscoaching.command.rules.NotFoundException;
import nl.gezinscoaching.command.rules.StateConflictException;
import nl.gezinscoaching.events.aftercare.AftercareCallLogged;
import nl.gezinscoaching.events.aftercare.AftercareEnded;
import nl.gezinscoaching.events.agency.FamilyReferredToAgency;
import nl.gezinscoaching.events.agency.WarmHandoverDone;
import nl.gezinscoaching.events.contact.CoordinationMeetingHeld;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.PhoneContactLogged;
import nl.gezinscoaching.events.contact.PracticalSupportGiven;
import nl.gezinscoaching.events.plan.FamilyPlanAgreed;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.GoalEvaluated;
import nl.gezinscoaching.events.plan.GoalSet;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.plan.ProblemInventoried;
import nl.gezinscoaching.events.safety.SafetyAssessed;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.FamilyScreened;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.CoachReassigned;
import nl.gezinscoaching.events.trajectory.ExtensionGranted;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
import nl.gezinscoaching.command.privacy.EraseFamilyDataCommand;
import nl.gezinscoaching.events.privacy.PersonalDataErased;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One family's trajectory, from referral to the end of aftercare. Each command handler checks the
 * command against the state and applies events; state changes only in the event sourcing handlers.
 * <p>
 * Its state is snapshotted ({@link TrajectorySnapshots}): the fields below are the snapshot's JSON, read and
 * written field by field. They hold ids, stages and dates only, never personal data (which is encrypted per
 * family in the events and would not be in a snapshot); a change of these fields needs a new {@code @Revision},
 * which makes older snapshots ignored.
 */
@Aggregate(cache = "trajectoryCache", snapshotTriggerDefinition = TrajectorySnapshots.TRIGGER,
        commandTargetResolver = TrajectoryTargets.BEAN,
        snapshotFilter = TrajectorySnapshots.FILTER)
@Revision(TrajectorySnapshots.REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class Trajectory {

    static final int MAX_CONTACT_MINUTES = 24 * 60;

    @AggregateIdentifier
    private String trajectoryId;
    private TrajectoryStage stage;
    private LocalDate receivedOn;
    private String coachId;
    private LocalDate assignedOn;
    private LocalDate closedOn;
    private final Map<String, LocalDate> goalsSetOn = new HashMap<>();
    private final Set<String> evaluatedGoals = new HashSet<>();
    private final Map<String, LocalDate> agencyReferralsOn = new HashMap<>();
    private final Set<String> handedOver = new HashSet<>();
    private boolean erased;
    private boolean screened;

    protected Trajectory() {
        // for Axon
    }

    @CommandHandler
    Trajectory(ReferFamilyCommand command, Clock clock, FamilyReferences references) {
        requireNotInFuture("receivedOn", command.receivedOn(), clock);
        for (int i = 0; i < command.children().size(); i++) {
            requireNotInFuture("children[" + i + "].birthDate", command.children().get(i).birthDate(), clock);
        }
        String reference = command.family().reference();
        if (reference != null && !command.newHelpQuestion() && references.hasOpenTrajectory(reference)) {
            throw new StateConflictException("second-referral-without-new-help-question",
                    "This family has an open trajectory; a second referral needs a new help question (newHelpQuestion: true)");
        }
        apply(new FamilyReferred(command.trajectoryId(), command.receivedOn(), command.family(),
                List.copyOf(command.children()), command.referrer(), Set.copyOf(command.reasons()),
                command.newHelpQuestion())).andThen(() -> {
                    // the intake's selection form, once the referral is applied (Axon applies a constructor's
                    // events after it returns); a refusal of it refuses the referral too: nothing is stored
                    if (command.screening() != null) {
                        screen(command.screening(), clock, "screening.");
                    }
                });
    }

    /** After erasure the trajectory is a closed record: nothing can be added to it. */
    @CommandHandlerInterceptor
    void refuseAfterErasure() {
        if (erased) {
            throw new StateConflictException("personal-data-erased", "This family's personal data has been erased");
        }
    }

    @CommandHandler
    void handle(EraseFamilyDataCommand command, Clock clock) {
        if (stage == TrajectoryStage.WAITING || stage == TrajectoryStage.ACTIVE) {
            throw new StateConflictException("close-before-erasure",
                    "Close the trajectory (or decline the referral) before erasing the family's data");
        }
        requireBusinessDate("erasedOn", command.erasedOn(), clock);
        apply(new PersonalDataErased(trajectoryId, command.erasedOn(), command.requester(), command.legalGround()));
    }

    @CommandHandler
    void handle(DeclineReferralCommand command, Clock clock) {
        require(Step.TRIAGE);
        requireBusinessDate("declinedOn", command.declinedOn(), clock);
        apply(new ReferralDeclined(trajectoryId, command.declinedOn(), command.reason()));
    }

    /**
     * The selection form, once per trajectory and only while the family waits for a coach. A
     * contra-indication that holds declines the referral in the same step (the reason names the
     * contra-indications), unless an override reason accepts the family anyway.
     */
    @CommandHandler
    void handle(ScreenFamilyCommand command, Clock clock) {
        require(Step.TRIAGE);
        if (screened) {
            throw new StateConflictException("already-screened", "This trajectory has been screened already");
        }
        screen(command, clock, "");
    }

    /** The rules of the selection form; {@code prefix} names the form's place in the request body. */
    private void screen(ScreenFamilyCommand command, Clock clock, String prefix) {
        requireBusinessDate(prefix + "screenedOn", command.screenedOn(), clock);
        if (command.overrideReason() != null) {
            if (command.overrideReason().isBlank()) {
                throw new InvalidFieldException(prefix + "overrideReason", "required", "must not be blank when given");
            }
            if (command.contraIndications().isEmpty()) {
                throw new InvalidFieldException(prefix + "overrideReason", "only-with-contra-indication",
                        "an override reason is only for accepting a family despite a contra-indication");
            }
        }
        apply(new FamilyScreened(trajectoryId, command.screenedOn(), command.indications(),
                command.contraIndications(), command.overrideReason() != null, command.overrideReason()));
        if (command.declines()) {
            apply(new ReferralDeclined(trajectoryId, command.screenedOn(),
                    declineReason(command.contraIndications())));
        }
    }

    /** The reason of a decline by screening: "contra-indication: " and the codes, in their form order. */
    static String declineReason(Set<ContraIndication> contraIndications) {
        return "contra-indication: " + contraIndications.stream().sorted().map(Enum::name)
                .collect(Collectors.joining(", "));
    }

    @CommandHandler
    void handle(AssignCoachCommand command, Clock clock, CoachDirectory coaches) {
        requireOpen();
        requireBusinessDate("assignedOn", command.assignedOn(), clock);
        if (!coaches.isRegistered(command.coachId())) {
            throw new NotFoundException("unknown-coach", "No coach with this coachId is registered");
        }
        if (stage == TrajectoryStage.WAITING) {
            apply(new CoachAssigned(trajectoryId, command.coachId(), command.assignedOn()));
            return;
        }
        if (command.coachId().equals(coachId)) {
            throw new StateConflictException("already-assigned-to-coach", "The trajectory is assigned to this coach already");
        }
        requireNotBefore("assignedOn", command.assignedOn(), assignedOn, "not-before-current-assignment",
                "the current coach's assignment");
        apply(new CoachReassigned(trajectoryId, coachId, command.coachId(), command.assignedOn()));
    }

    @CommandHandler
    void handle(RecordHomeVisitCommand command, Clock clock) {
        requireCoach();
        requireBusinessDate("visitedOn", command.visitedOn(), clock);
        requireDuration(command.durationMinutes());
        apply(new HomeVisitHeld(trajectoryId, command.visitId(), command.visitedOn(), command.durationMinutes(),
                command.interpreterUsed(), command.summary(),
                command.location() == null ? VisitLocation.HOME : command.location()));
    }

    @CommandHandler
    void handle(LogPhoneContactCommand command, Clock clock) {
        requireCoach();
        requireBusinessDate("contactedOn", command.contactedOn(), clock);
        requireDuration(command.durationMinutes());
        apply(new PhoneContactLogged(trajectoryId, command.contactedOn(), command.durationMinutes(), command.summary()));
    }

    @CommandHandler
    void handle(RecordPracticalSupportCommand command, Clock clock) {
        requireCoach();
        requireBusinessDate("givenOn", command.givenOn(), clock);
        requireDuration(command.durationMinutes());
        apply(new PracticalSupportGiven(trajectoryId, command.givenOn(), command.kind(), command.durationMinutes(),
                command.notes()));
    }

    @CommandHandler
    void handle(InventoryProblemsCommand command, Clock clock) {
        requireCoach();
        requireBusinessDate("inventoriedOn", command.inventoriedOn(), clock);
        apply(new ProblemInventoried(trajectoryId, command.inventoriedOn(), Set.copyOf(command.problemDomains()),
                command.notes()));
    }

    @CommandHandler
    void handle(SetGoalCommand command, Clock clock) {
        requireCoach();
        requireBusinessDate("setOn", command.setOn(), clock);
        apply(new GoalSet(trajectoryId, command.goalId(), command.description(), command.lifeDomain(), command.setOn(),
                inSubgoalOrder(command.subgoals())));
    }

    /** Each subgoal once, in the order of the intervention's description. */
    private static List<Subgoal> inSubgoalOrder(List<Subgoal> subgoals) {
        return subgoals == null ? List.of() : subgoals.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }

    @CommandHandler
    void handle(EvaluateGoalCommand command, Clock clock) {
        requireCoach();
        LocalDate setOn = goalsSetOn.get(command.goalId());
        if (setOn == null) {
            throw new NotFoundException("unknown-goal", "This trajectory has no goal with this goalId");
        }
        if (evaluatedGoals.contains(command.goalId())) {
            throw new StateConflictException("goal-already-evaluated", "This goal has been evaluated already");
        }
        requireBusinessDate("evaluatedOn", command.evaluatedOn(), clock);
        requireNotBefore("evaluatedOn", command.evaluatedOn(), setOn, "not-before-goal-set", "the day the goal was set");
        apply(new GoalEvaluated(trajectoryId, command.goalId(), command.attainment(), command.evaluatedOn()));
    }

    @CommandHandler
    void handle(AgreeFamilyPlanCommand command, Clock clock) {
        requireCoach();
        if (goalsSetOn.isEmpty()) {
            throw new StateConflictException("plan-without-goals", "A family plan needs at least one goal: set goals first");
        }
        requireBusinessDate("agreedOn", command.agreedOn(), clock);
        apply(new FamilyPlanAgreed(trajectoryId, command.agreedOn(), List.copyOf(goalsSetOn.keySet()),
                List.copyOf(command.cosigningAgencies())));
    }

    @CommandHandler
    void handle(ReferToAgencyCommand command, Clock clock) {
        requireCoach();
        requireBusinessDate("referredOn", command.referredOn(), clock);
        apply(new FamilyReferredToAgency(trajectoryId, command.agencyReferralId(), command.agency(), command.referredOn()));
    }

    @CommandHandler
    void handle(RecordWarmHandoverCommand command, Clock clock) {
        requireCoach();
        LocalDate referredOn = agencyReferralsOn.get(command.agencyReferralId());
        if (referredOn == null) {
            throw new NotFoundException("unknown-agency-referral",
                    "This trajectory has no agency referral with this agencyReferralId");
        }
        if (handedOver.contains(command.agencyReferralId())) {
            throw new StateConflictException("warm-handover-already-done",
                    "The warm handover for this agency referral has been recorded already");
        }
        requireBusinessDate("handedOverOn", command.handedOverOn(), clock);
        requireNotBefore("handedOverOn", command.handedOverOn(), referredOn, "not-before-agency-referral",
                "the referral to the agency");
        apply(new WarmHandoverDone(trajectoryId, command.agencyReferralId(), command.handedOverOn()));
    }

    @CommandHandler
    void handle(RecordCoordinationMeetingCommand command, Clock clock) {
        requireCoach();
        requireBusinessDate("heldOn", command.heldOn(), clock);
        apply(new CoordinationMeetingHeld(trajectoryId, command.heldOn(), List.copyOf(command.agencies()),
                command.parentsPresent(), command.notes()));
    }

    /** Safety can be assessed from the referral on, also before a coach is assigned (at triage). */
    @CommandHandler
    void handle(AssessSafetyCommand command, Clock clock) {
        requireOpen();
        requireBusinessDate("assessedOn", command.assessedOn(), clock);
        apply(new SafetyAssessed(trajectoryId, command.assessedOn(), command.verdict(),
                command.reportedToVeiligThuis(), command.notes()));
    }

    @CommandHandler
    void handle(GrantExtensionCommand command, Clock clock) {
        requireCoach();
        requireBusinessDate("grantedOn", command.grantedOn(), clock);
        if (command.months() < 1 || command.months() > 12) {
            throw new InvalidFieldException("months", "between-1-and-12", "must be between 1 and 12 months");
        }
        apply(new ExtensionGranted(trajectoryId, command.grantedOn(), command.months(), command.reason()));
    }

    /** A trajectory may close from the waiting list too (the family moved away before a coach came). */
    @CommandHandler
    void handle(CloseTrajectoryCommand command, Clock clock) {
        requireOpen();
        requireBusinessDate("closedOn", command.closedOn(), clock);
        requireMark("clientSatisfaction", command.clientSatisfaction());
        requireMark("referrerSatisfaction", command.referrerSatisfaction());
        // the goals evaluated at the closure, in goal-id order so a replay of the same request is the same events
        Map<String, GoalAttainment> attainments = new TreeMap<>(command.goalAttainments());
        attainments.forEach((goalId, attainment) -> {
            String field = "goalAttainments[" + goalId + "]";
            LocalDate setOn = goalsSetOn.get(goalId);
            if (setOn == null) {
                throw new InvalidFieldException(field, "unknown-goal", "This trajectory has no goal with this goalId");
            }
            if (evaluatedGoals.contains(goalId)) {
                throw new InvalidFieldException(field, "goal-already-evaluated", "This goal has been evaluated already");
            }
            requireNotBefore("closedOn", command.closedOn(), setOn, "not-before-goal-set", "the day the goal was set");
        });
        attainments.forEach((goalId, attainment) ->
                apply(new GoalEvaluated(trajectoryId, goalId, attainment, command.closedOn())));
        apply(new TrajectoryClosed(trajectoryId, command.closedOn(), command.reason(), command.clientSatisfaction(),
                command.referrerSatisfaction(), command.closingLetterLanguage()));
    }

    @CommandHandler
    void handle(LogAftercareCallCommand command, Clock clock) {
        requireAftercare();
        requireBusinessDate("calledOn", command.calledOn(), clock);
        requireNotBefore("calledOn", command.calledOn(), closedOn, "not-before-closure", "the closure");
        apply(new AftercareCallLogged(trajectoryId, command.calledOn(), command.wellbeing(), command.notes()));
    }

    @CommandHandler
    void handle(EndAftercareCommand command, Clock clock) {
        requireAftercare();
        requireBusinessDate("endedOn", command.endedOn(), clock);
        requireNotBefore("endedOn", command.endedOn(), closedOn, "not-before-closure", "the closure");
        apply(new AftercareEnded(trajectoryId, command.endedOn()));
    }

    /**
     * Refuses an action its stage does not allow, by the one table of {@link TrajectoryStage} (which the pages
     * use to offer only what is allowed).
     */
    private void require(Step step) {
        Refusal refusal = stage.refusal(step, coachId != null);
        if (refusal != null) {
            throw new StateConflictException(refusal.rule(), refusal.detail());
        }
    }

    private void requireOpen() {
        require(Step.OPEN);
    }

    private void requireCoach() {
        require(Step.COACHING);
    }

    /**
     * Aftercare follows coaching: the coach's calls after the closure. A trajectory closed straight from the
     * waiting list (the family moved away before a coach came) had no coaching, so it has no aftercare either.
     */
    private void requireAftercare() {
        require(Step.AFTERCARE);
    }

    /** The stage after an event, by the one table of {@link TrajectoryStage#after}. */
    private void advance(Object event) {
        stage = (stage == null ? TrajectoryStage.WAITING : stage).after(event.getClass().getSimpleName());
    }

    private void requireBusinessDate(String field, LocalDate date, Clock clock) {
        requireNotInFuture(field, date, clock);
        requireNotBefore(field, date, receivedOn, "not-before-referral", "the day the referral was received");
    }

    private static void requireDuration(int minutes) {
        if (minutes < 0) {
            throw new InvalidFieldException("durationMinutes", "not-negative", "must not be negative");
        }
        if (minutes > MAX_CONTACT_MINUTES) {
            throw new InvalidFieldException("durationMinutes", "at-most-a-day", "must not exceed " + MAX_CONTACT_MINUTES);
        }
    }

    private static void requireMark(String field, Integer mark) {
        if (mark != null && (mark < 1 || mark > 10)) {
            throw new InvalidFieldException(field, "between-1-and-10", "must be a mark from 1 to 10");
        }
    }

    @EventSourcingHandler
    void on(FamilyReferred event) {
        trajectoryId = event.trajectoryId();
        receivedOn = event.receivedOn();
        advance(event);
    }

    @EventSourcingHandler
    void on(FamilyScreened event) {
        screened = true;
    }

    @EventSourcingHandler
    void on(ReferralDeclined event) {
        advance(event);
    }

    @EventSourcingHandler
    void on(CoachAssigned event) {
        coachId = event.coachId();
        assignedOn = event.assignedOn();
        advance(event);
    }

    @EventSourcingHandler
    void on(CoachReassigned event) {
        coachId = event.coachId();
        assignedOn = event.reassignedOn();
        advance(event);
    }

    @EventSourcingHandler
    void on(GoalSet event) {
        goalsSetOn.put(event.goalId(), event.setOn());
    }

    @EventSourcingHandler
    void on(GoalEvaluated event) {
        evaluatedGoals.add(event.goalId());
    }

    @EventSourcingHandler
    void on(FamilyReferredToAgency event) {
        agencyReferralsOn.put(event.agencyReferralId(), event.referredOn());
    }

    @EventSourcingHandler
    void on(WarmHandoverDone event) {
        handedOver.add(event.agencyReferralId());
    }

    @EventSourcingHandler
    void on(TrajectoryClosed event) {
        closedOn = event.closedOn();
        advance(event);
    }

    @EventSourcingHandler
    void on(AftercareEnded event) {
        advance(event);
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        erased = true;
    }
}
