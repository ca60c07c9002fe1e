package nl.gezinscoaching.command.trajectory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.events.aftercare.Wellbeing;
import nl.gezinscoaching.events.contact.SupportKind;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.safety.SafetyVerdict;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;

/**
 * The JSON bodies of the trajectory endpoints. They check presence and form; the rules that depend on
 * the trajectory (dates, ranges, state) live in the aggregate.
 */
final class TrajectoryRequests {

    private TrajectoryRequests() {
    }

    record ReferralRequest(@NotNull @Valid FamilyForm family,
                           @NotEmpty List<@NotNull @Valid ChildForm> children,
                           @NotNull @Valid ReferrerForm referrer,
                           @NotEmpty Set<@NotNull ReferralReason> reasons,
                           @NotNull LocalDate receivedOn,
                           Boolean newHelpQuestion) {

        ReferFamilyCommand toCommand(String trajectoryId) {
            return new ReferFamilyCommand(trajectoryId, receivedOn,
                    new Family(blankToNull(family.reference()), family.name(), family.district(), family.language(),
                            family.interpreterNeeded(), family.migrationGeneration()),
                    children.stream().map(child -> new Child(child.name(), child.birthDate())).toList(),
                    new Referrer(referrer.name(), referrer.organisation()),
                    reasons, Boolean.TRUE.equals(newHelpQuestion));
        }
    }

    record FamilyForm(String reference,
                      @NotBlank String name,
                      @NotBlank String district,
                      @NotBlank String language,
                      @NotNull Boolean interpreterNeeded,
                      @NotNull MigrationGeneration migrationGeneration) {
    }

    record ChildForm(@NotBlank String name, @NotNull LocalDate birthDate) {
    }

    record ReferrerForm(@NotBlank String name, @NotBlank String organisation) {
    }

    record DeclineRequest(@NotNull LocalDate declinedOn, @NotBlank String reason) {
    }

    record AssignmentRequest(@NotBlank String coachId, @NotNull LocalDate assignedOn) {
    }

    record HomeVisitRequest(@NotNull LocalDate visitedOn, @NotNull Integer durationMinutes,
                            @NotNull Boolean interpreterUsed, String summary) {
    }

    record PhoneContactRequest(@NotNull LocalDate contactedOn, @NotNull Integer durationMinutes, String summary) {
    }

    record PracticalSupportRequest(@NotNull LocalDate givenOn, @NotNull SupportKind kind,
                                   @NotNull Integer durationMinutes, String notes) {
    }

    record ProblemInventoryRequest(@NotNull LocalDate inventoriedOn,
                                   @NotEmpty Set<@NotNull LifeDomain> problemDomains, String notes) {
    }

    record GoalRequest(@NotBlank String description, @NotNull LifeDomain lifeDomain, @NotNull LocalDate setOn) {
    }

    record GoalEvaluationRequest(@NotNull GoalAttainment attainment, @NotNull LocalDate evaluatedOn) {
    }

    record FamilyPlanRequest(@NotNull LocalDate agreedOn, List<@NotBlank String> cosigningAgencies) {
    }

    record AgencyReferralRequest(@NotBlank String agency, @NotNull LocalDate referredOn) {
    }

    record WarmHandoverRequest(@NotNull LocalDate handedOverOn) {
    }

    record CoordinationMeetingRequest(@NotNull LocalDate heldOn, @NotEmpty List<@NotBlank String> agencies,
                                      @NotNull Boolean parentsPresent, String notes) {
    }

    record SafetyAssessmentRequest(@NotNull LocalDate assessedOn, @NotNull SafetyVerdict verdict,
                                   @NotNull Boolean reportedToVeiligThuis, String notes) {
    }

    record ExtensionRequest(@NotNull LocalDate grantedOn, @NotNull Integer months, @NotBlank String reason) {
    }

    record ClosureRequest(@NotNull LocalDate closedOn, @NotNull ClosureReason reason, Integer clientSatisfaction,
                          Integer referrerSatisfaction, String closingLetterLanguage) {
    }

    record AftercareCallRequest(@NotNull LocalDate calledOn, @NotNull Wellbeing wellbeing, String notes) {
    }

    record AftercareEndRequest(@NotNull LocalDate endedOn) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
