package nl.gezinscoaching.web.families;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ChildForm;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.FamilyForm;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ReferralRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ReferrerForm;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ScreeningRequest;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.Indication;
import nl.gezinscoaching.events.trajectory.ReferralReason;

/**
 * The intake page as the browser posts it: the referral's fields with the same names as the command API's
 * body ({@code family.name}, {@code children[0].birthDate}, {@code screening.contraIndications}), except
 * that the page offers more child rows than a family has: rows left empty are dropped.
 */
record IntakeForm(FamilyForm family, List<ChildRow> children, ReferrerForm referrer, Set<ReferralReason> reasons,
                  LocalDate receivedOn, Boolean newHelpQuestion, ScreeningRow screening) {

    record ChildRow(String name, LocalDate birthDate) {

        boolean empty() {
            return (name == null || name.isBlank()) && birthDate == null;
        }
    }

    record ScreeningRow(LocalDate screenedOn, Set<Indication> indications, Set<ContraIndication> contraIndications,
                        String overrideReason) {
    }

    /**
     * The command API's body and, per child in it, the row of the page it came from (so a refusal of
     * {@code children[1].name} is shown at the row the coach typed it in).
     */
    record Intake(ReferralRequest request, List<Integer> childRows) {

        /** A field of the request body as the page names it. */
        String pageField(String field) {
            if (field.startsWith("children[")) {
                int end = field.indexOf(']');
                int index = Integer.parseInt(field.substring("children[".length(), end));
                if (index < childRows.size()) {
                    return "children[" + childRows.get(index) + "]" + field.substring(end + 1);
                }
            }
            return field;
        }

        /** Whether the selection form will decline the referral: a contra-indication and no reason to accept. */
        boolean declines() {
            ScreeningRequest screening = request.screening();
            return !screening.contraIndications().isEmpty() && screening.overrideReason() == null;
        }
    }

    Intake toIntake() {
        List<ChildForm> kids = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<ChildRow> typed = children == null ? List.of() : children;
        for (int row = 0; row < typed.size(); row++) {
            ChildRow child = typed.get(row);
            if (child != null && !child.empty()) {
                kids.add(new ChildForm(child.name(), child.birthDate()));
                rows.add(row);
            }
        }
        ScreeningRow form = screening == null ? new ScreeningRow(null, null, null, null) : screening;
        ScreeningRequest screened = new ScreeningRequest(form.screenedOn(),
                form.indications() == null ? Set.of() : form.indications(),
                form.contraIndications() == null ? Set.of() : form.contraIndications(),
                form.overrideReason() == null || form.overrideReason().isBlank() ? null : form.overrideReason());
        FamilyForm familyForm = family == null ? new FamilyForm(null, null, null, null, null, null) : family;
        ReferrerForm referrerForm = referrer == null ? new ReferrerForm(null, null) : referrer;
        return new Intake(new ReferralRequest(familyForm, kids, referrerForm, reasons == null ? Set.of() : reasons,
                receivedOn, Boolean.TRUE.equals(newHelpQuestion), screened), rows);
    }
}
