package nl.gezinscoaching.api.trajectory;

import static nl.gezinscoaching.api.trajectory.TrajectoryStage.ACTIVE;
import static nl.gezinscoaching.api.trajectory.TrajectoryStage.AFTERCARE_ENDED;
import static nl.gezinscoaching.api.trajectory.TrajectoryStage.CLOSED;
import static nl.gezinscoaching.api.trajectory.TrajectoryStage.DECLINED;
import static nl.gezinscoaching.api.trajectory.TrajectoryStage.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import nl.gezinscoaching.api.trajectory.TrajectoryStage.Step;
import org.junit.jupiter.api.Test;

/** The one table of what each stage allows, and the stage each event leads to. */
class TrajectoryStageTest {

    private static String rule(TrajectoryStage stage, Step step, boolean coached) {
        TrajectoryStage.Refusal refusal = stage.refusal(step, coached);
        return refusal == null ? "allowed" : refusal.rule();
    }

    @Test
    void eachStageAllowsItsStepsAndNamesTheRuleOfARefusal() {
        assertThat(rule(WAITING, Step.TRIAGE, false)).isEqualTo("allowed");
        assertThat(rule(WAITING, Step.OPEN, false)).isEqualTo("allowed");
        assertThat(rule(WAITING, Step.COACHING, false)).isEqualTo("no-coach-assigned");
        assertThat(rule(WAITING, Step.AFTERCARE, false)).isEqualTo("aftercare-before-closure");

        assertThat(rule(ACTIVE, Step.TRIAGE, true)).isEqualTo("coach-already-assigned");
        assertThat(rule(ACTIVE, Step.OPEN, true)).isEqualTo("allowed");
        assertThat(rule(ACTIVE, Step.COACHING, true)).isEqualTo("allowed");
        assertThat(rule(ACTIVE, Step.AFTERCARE, true)).isEqualTo("aftercare-before-closure");

        for (Step step : new Step[] {Step.TRIAGE, Step.OPEN, Step.COACHING}) {
            assertThat(rule(CLOSED, step, true)).isEqualTo("trajectory-closed");
            assertThat(rule(AFTERCARE_ENDED, step, true)).isEqualTo("trajectory-closed");
            assertThat(rule(DECLINED, step, false)).isEqualTo("referral-declined");
        }
        assertThat(rule(CLOSED, Step.AFTERCARE, true)).isEqualTo("allowed");
        assertThat(rule(CLOSED, Step.AFTERCARE, false)).isEqualTo("no-aftercare-without-coach");
        assertThat(rule(AFTERCARE_ENDED, Step.AFTERCARE, true)).isEqualTo("aftercare-ended");
        assertThat(rule(DECLINED, Step.AFTERCARE, false)).isEqualTo("referral-declined");
    }

    @Test
    void eventsMoveTheStageAndOthersLeaveIt() {
        assertThat(WAITING.after("FamilyReferred")).isEqualTo(WAITING);
        assertThat(WAITING.after("FamilyScreened")).isEqualTo(WAITING);
        assertThat(WAITING.after("CoachAssigned")).isEqualTo(ACTIVE);
        assertThat(ACTIVE.after("CoachReassigned")).isEqualTo(ACTIVE);
        assertThat(ACTIVE.after("HomeVisitHeld")).isEqualTo(ACTIVE);
        assertThat(WAITING.after("ReferralDeclined")).isEqualTo(DECLINED);
        assertThat(WAITING.after("TrajectoryClosed")).isEqualTo(CLOSED);
        assertThat(ACTIVE.after("TrajectoryClosed")).isEqualTo(CLOSED);
        assertThat(CLOSED.after("AftercareEnded")).isEqualTo(AFTERCARE_ENDED);
        assertThat(CLOSED.after("CoachReassigned")).isEqualTo(CLOSED);
    }
}
