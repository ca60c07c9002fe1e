package nl.gezinscoaching.api.trajectory;

import static nl.gezinscoaching.events.TextBounds.CODE;
import static nl.gezinscoaching.events.TextBounds.FREE_TEXT;
import static nl.gezinscoaching.events.TextBounds.IDENTIFIER;
import static nl.gezinscoaching.events.TextBounds.LIST_ITEMS;
import static nl.gezinscoaching.events.TextBounds.NAME;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.gezinscoaching.events.aftercare.Wellbeing;
import nl.gezinscoaching.events.contact.SupportKind;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.events.safety.SafetyVerdict;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.Indication;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;

/**
 * The JSON bodies of the trajectory endpoints. They check presence and form, and hold every text and list
 * to its bound in {@link nl.gezinscoaching.events.TextBounds}; the rules that depend on the trajectory
 * (dates, ranges, state) live in the command service's aggregate. Shared by the command service, which
 * maps them to commands, and the web, which posts them.
 */
public final class TrajectoryRequests {

    private TrajectoryRequests() {
    }

    /**
     * A referral; with {@code screening}, the intake's selection form is recorded in the same step (both or
     * neither), as {@link ScreeningRequest} would record it afterwards.
     */
    public record ReferralRequest(@NotNull @Valid FamilyForm family,
                           @NotEmpty @Size(max = LIST_ITEMS) List<@NotNull @Valid ChildForm> children,
                           @NotNull @Valid ReferrerForm referrer,
                           @NotEmpty @Size(max = LIST_ITEMS) Set<@NotNull ReferralReason> reasons,
                           @NotNull LocalDate receivedOn,
                           Boolean newHelpQuestion,
                           @Valid ScreeningRequest screening) {

        /** A referral without the selection form (triage screens the family later, or not at all). */
        public ReferralRequest(FamilyForm family, List<ChildForm> children, ReferrerForm referrer,
                               Set<ReferralReason> reasons, LocalDate receivedOn, Boolean newHelpQuestion) {
            this(family, children, referrer, reasons, receivedOn, newHelpQuestion, null);
        }
    }

    /**
     * The Coach je kind selection form: the indication criteria the family meets and the contra-indications
     * that hold (both may be empty). {@code overrideReason}, only with a contra-indication, accepts the
     * family anyway; without it a contra-indication declines the referral.
     */
    public record ScreeningRequest(@NotNull LocalDate screenedOn,
                                   @NotNull @Size(max = LIST_ITEMS) Set<@NotNull Indication> indications,
                                   @NotNull @Size(max = LIST_ITEMS) Set<@NotNull ContraIndication> contraIndications,
                                   @Size(max = FREE_TEXT) String overrideReason) {
    }

    public record FamilyForm(@Size(max = CODE) String reference,
                      @NotBlank @Size(max = NAME) String name,
                      @NotBlank @Size(max = CODE) String district,
                      @NotBlank @Size(max = CODE) String language,
                      @NotNull Boolean interpreterNeeded,
                      @NotNull MigrationGeneration migrationGeneration) {
    }

    public record ChildForm(@NotBlank @Size(max = NAME) String name, @NotNull LocalDate birthDate) {
    }

    public record ReferrerForm(@NotBlank @Size(max = NAME) String name,
                        @NotBlank @Size(max = NAME) String organisation) {
    }

    public record DeclineRequest(@NotNull LocalDate declinedOn, @NotBlank @Size(max = FREE_TEXT) String reason) {
    }

    public record AssignmentRequest(@NotBlank @Size(max = IDENTIFIER) String coachId, @NotNull LocalDate assignedOn) {
    }

    /** @param location where the visit took place; optional, a visit at home when absent */
    public record HomeVisitRequest(@NotNull LocalDate visitedOn, @NotNull Integer durationMinutes,
                            @NotNull Boolean interpreterUsed, @Size(max = FREE_TEXT) String summary,
                            VisitLocation location) {

        /** A visit at home (the request as it was before the location existed). */
        public HomeVisitRequest(LocalDate visitedOn, Integer durationMinutes, Boolean interpreterUsed, String summary) {
            this(visitedOn, durationMinutes, interpreterUsed, summary, null);
        }
    }

    public record PhoneContactRequest(@NotNull LocalDate contactedOn, @NotNull Integer durationMinutes,
                               @Size(max = FREE_TEXT) String summary) {
    }

    public record PracticalSupportRequest(@NotNull LocalDate givenOn, @NotNull SupportKind kind,
                                   @NotNull Integer durationMinutes, @Size(max = FREE_TEXT) String notes) {
    }

    public record ProblemInventoryRequest(@NotNull LocalDate inventoriedOn,
                                   @NotEmpty @Size(max = LIST_ITEMS) Set<@NotNull LifeDomain> problemDomains,
                                   @Size(max = FREE_TEXT) String notes) {
    }

    /**
     * @param subgoals the Coach je kind subgoals the goal is linked to; optional, not linked when absent or
     *                 empty; a subgoal named twice counts once
     */
    public record GoalRequest(@NotBlank @Size(max = FREE_TEXT) String description, @NotNull LifeDomain lifeDomain,
                       @NotNull LocalDate setOn,
                       @Size(max = SUBGOALS) List<@NotNull Subgoal> subgoals) {

        /** The most subgoals a goal can name: each of the nine once. */
        public static final int SUBGOALS = 9;

        /** A goal not linked to a subgoal (the request as it was before subgoals existed). */
        public GoalRequest(String description, LifeDomain lifeDomain, LocalDate setOn) {
            this(description, lifeDomain, setOn, null);
        }
    }

    public record GoalEvaluationRequest(@NotNull GoalAttainment attainment, @NotNull LocalDate evaluatedOn) {
    }

    public record FamilyPlanRequest(@NotNull LocalDate agreedOn,
                             @Size(max = LIST_ITEMS) List<@NotBlank @Size(max = NAME) String> cosigningAgencies) {
    }

    public record AgencyReferralRequest(@NotBlank @Size(max = NAME) String agency, @NotNull LocalDate referredOn) {
    }

    public record WarmHandoverRequest(@NotNull LocalDate handedOverOn) {
    }

    public record CoordinationMeetingRequest(@NotNull LocalDate heldOn,
                                      @NotEmpty @Size(max = LIST_ITEMS) List<@NotBlank @Size(max = NAME) String> agencies,
                                      @NotNull Boolean parentsPresent, @Size(max = FREE_TEXT) String notes) {
    }

    public record SafetyAssessmentRequest(@NotNull LocalDate assessedOn, @NotNull SafetyVerdict verdict,
                                   @NotNull Boolean reportedToVeiligThuis, @Size(max = FREE_TEXT) String notes) {
    }

    public record ExtensionRequest(@NotNull LocalDate grantedOn, @NotNull Integer months,
                            @NotBlank @Size(max = FREE_TEXT) String reason) {
    }

    /**
     * The closure; {@code goalAttainments} (goal id to attainment) evaluates the goals not yet evaluated, on the
     * day of the closure and in the same step; a goal left out, or with no attainment (null), stays unevaluated.
     */
    public record ClosureRequest(@NotNull LocalDate closedOn, @NotNull ClosureReason reason, Integer clientSatisfaction,
                          Integer referrerSatisfaction, @Size(max = CODE) String closingLetterLanguage,
                          @Size(max = LIST_ITEMS) Map<@Size(max = IDENTIFIER) String, GoalAttainment> goalAttainments) {

        /** A closure that evaluates no goals. */
        public ClosureRequest(LocalDate closedOn, ClosureReason reason, Integer clientSatisfaction,
                              Integer referrerSatisfaction, String closingLetterLanguage) {
            this(closedOn, reason, clientSatisfaction, referrerSatisfaction, closingLetterLanguage, null);
        }
    }

    public record AftercareCallRequest(@NotNull LocalDate calledOn, @NotNull Wellbeing wellbeing,
                                @Size(max = FREE_TEXT) String notes) {
    }

    public record AftercareEndRequest(@NotNull LocalDate endedOn) {
    }
}
