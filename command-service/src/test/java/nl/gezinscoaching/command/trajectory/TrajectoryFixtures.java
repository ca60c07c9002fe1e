package nl.gezinscoaching.command.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;

/** Shared factories that keep the aggregate tests short. */
final class TrajectoryFixtures {

    static final String TRAJECTORY = "t-1";
    static final String COACH = "coach-anna";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final LocalDate RECEIVED = LocalDate.of(2026, 3, 2);
    static final LocalDate ASSIGNED = LocalDate.of(2026, 3, 16);
    static final LocalDate CLOSED = LocalDate.of(2026, 10, 1);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).atZone(ZoneId.of("Europe/Amsterdam")).toInstant(),
            ZoneId.of("Europe/Amsterdam"));

    private TrajectoryFixtures() {
    }

    static Family aFamily(String reference) {
        return new Family(reference, "Familie El Amrani", "Escamp", "ar", true, MigrationGeneration.FIRST);
    }

    static ReferFamilyCommand aReferral(String reference, boolean newHelpQuestion) {
        return new ReferFamilyCommand(TRAJECTORY, RECEIVED, aFamily(reference),
                List.of(new Child("Yasmina", LocalDate.of(2016, 5, 4))),
                new Referrer("J. de Vries", "JGZ Den Haag"), Set.of(ReferralReason.CHILD_SAFETY), newHelpQuestion);
    }

    static FamilyReferred referred() {
        ReferFamilyCommand command = aReferral("CL-1001", false);
        return new FamilyReferred(TRAJECTORY, command.receivedOn(), command.family(), command.children(),
                command.referrer(), command.reasons(), false);
    }

    static Object[] anAssignedTrajectory() {
        return new Object[] {referred(), new CoachAssigned(TRAJECTORY, COACH, ASSIGNED)};
    }

    static Object[] aClosedTrajectory() {
        return new Object[] {referred(), new CoachAssigned(TRAJECTORY, COACH, ASSIGNED),
                new TrajectoryClosed(TRAJECTORY, CLOSED, ClosureReason.FAMILY_IN_CONTROL, 8, 7, "ar")};
    }
}
