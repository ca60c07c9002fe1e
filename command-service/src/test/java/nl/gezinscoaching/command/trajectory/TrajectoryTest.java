package nl.gezinscoaching.command.trajectory;

import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.plan.Subgoal;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.ASSIGNED;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.CLOCK;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.CLOSED;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.COACH;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.RECEIVED;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.TODAY;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.TRAJECTORY;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.aClosedTrajectory;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.aFamily;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.aReferral;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.anAssignedTrajectory;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.referred;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.gezinscoaching.command.coach.CoachDirectory;
import nl.gezinscoaching.command.privacy.EraseFamilyDataCommand;
import nl.gezinscoaching.command.rules.CommandRefusedException;
import nl.gezinscoaching.events.privacy.ErasureRequester;
import nl.gezinscoaching.events.privacy.PersonalDataErased;
import nl.gezinscoaching.command.rules.InvalidFieldException;
import nl.gezinscoaching.command.rules.NotFoundException;
import nl.gezinscoaching.command.rules.StateConflictException;
import nl.gezinscoaching.events.aftercare.AftercareCallLogged;
import nl.gezinscoaching.events.aftercare.AftercareEnded;
import nl.gezinscoaching.events.aftercare.Wellbeing;
import nl.gezinscoaching.events.agency.FamilyReferredToAgency;
import nl.gezinscoaching.events.agency.WarmHandoverDone;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.plan.FamilyPlanAgreed;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.GoalEvaluated;
import nl.gezinscoaching.events.plan.GoalSet;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.safety.SafetyAssessed;
import nl.gezinscoaching.events.safety.SafetyVerdict;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.CoachReassigned;
import nl.gezinscoaching.events.trajectory.ExtensionGranted;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrajectoryTest {

    private FixtureConfiguration<Trajectory> fixture;
    private final Set<String> registeredCoaches = new HashSet<>(Set.of(COACH, "coach-bram"));
    private final Set<String> openReferences = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Trajectory.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource((CoachDirectory) registeredCoaches::contains);
        fixture.registerInjectableResource((FamilyReferences) openReferences::contains);
    }

    /** The command is refused by the named rule, with the given kind of answer, and writes no event. */
    private static void refusedAs(ResultValidator<Trajectory> result, Class<? extends CommandRefusedException> type,
                                  String rule) {
        result.expectNoEvents()
                .expectException(type)
                .expectException(new TypeSafeMatcher<Throwable>() {
                    @Override
                    protected boolean matchesSafely(Throwable item) {
                        return item instanceof CommandRefusedException refused && refused.rule().equals(rule);
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("a refusal by rule ").appendValue(rule);
                    }
                });
    }

    @Nested
    class Referral {

        @Test
        void referralOpensTheTrajectory() {
            fixture.givenNoPriorActivity()
                    .when(aReferral("CL-1001", false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(referred());
        }

        @Test
        void referralReceivedInTheFutureIsRefused() {
            ReferFamilyCommand referral = aReferral(null, false);
            ReferFamilyCommand future = new ReferFamilyCommand(TRAJECTORY, TODAY.plusDays(1), referral.family(),
                    referral.children(), referral.referrer(), referral.reasons(), false);
            refusedAs(fixture.givenNoPriorActivity().when(future), InvalidFieldException.class, "not-in-future");
        }

        @Test
        void referralReceivedOrChildBornBefore1900IsRefused() {
            ReferFamilyCommand referral = aReferral(null, false);
            // a year such as -999999999 parses as a date, and no read model could store it
            for (LocalDate day : List.of(LocalDate.of(1899, 12, 31), LocalDate.of(-999_999_999, 1, 1))) {
                ReferFamilyCommand early = new ReferFamilyCommand(TRAJECTORY, day, referral.family(),
                        referral.children(), referral.referrer(), referral.reasons(), false);
                refusedAs(fixture.givenNoPriorActivity().when(early), InvalidFieldException.class, "supported-date");
                ReferFamilyCommand earlyChild = new ReferFamilyCommand(TRAJECTORY, referral.receivedOn(),
                        referral.family(), List.of(new Child("Sem", day)), referral.referrer(), referral.reasons(),
                        false);
                refusedAs(fixture.givenNoPriorActivity().when(earlyChild), InvalidFieldException.class,
                        "supported-date");
            }
        }

        @Test
        void secondReferralOfAFamilyWithAnOpenTrajectoryIsRefused() {
            openReferences.add("CL-1001");
            refusedAs(fixture.givenNoPriorActivity().when(aReferral("CL-1001", false)),
                    StateConflictException.class, "second-referral-without-new-help-question");
        }

        @Test
        void secondReferralWithANewHelpQuestionIsAccepted() {
            openReferences.add("CL-1001");
            fixture.givenNoPriorActivity()
                    .when(aReferral("CL-1001", true))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new FamilyReferred(TRAJECTORY, RECEIVED, aFamily("CL-1001"),
                            aReferral("CL-1001", true).children(), aReferral("CL-1001", true).referrer(),
                            aReferral("CL-1001", true).reasons(), true));
        }

        @Test
        void declineBeforeAssignmentEndsTheTrajectory() {
            fixture.given(referred())
                    .when(new DeclineReferralCommand(TRAJECTORY, RECEIVED.plusDays(7), "contra-indication"))
                    .expectEvents(new ReferralDeclined(TRAJECTORY, RECEIVED.plusDays(7), "contra-indication"));
        }

        @Test
        void declineAfterAssignmentIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new DeclineReferralCommand(TRAJECTORY, ASSIGNED, "too late")),
                    StateConflictException.class, "coach-already-assigned");
        }

        @Test
        void anythingOnADeclinedReferralIsRefused() {
            refusedAs(fixture.given(referred(), new ReferralDeclined(TRAJECTORY, RECEIVED, "x"))
                            .when(new AssignCoachCommand(TRAJECTORY, COACH, RECEIVED.plusDays(1))),
                    StateConflictException.class, "referral-declined");
        }
    }

    @Nested
    class Assignment {

        @Test
        void assignmentTakesTheFamilyOffTheWaitingList() {
            fixture.given(referred())
                    .when(new AssignCoachCommand(TRAJECTORY, COACH, ASSIGNED))
                    .expectEvents(new CoachAssigned(TRAJECTORY, COACH, ASSIGNED));
        }

        @Test
        void assignmentToAnotherCoachReassigns() {
            fixture.given(anAssignedTrajectory())
                    .when(new AssignCoachCommand(TRAJECTORY, "coach-bram", ASSIGNED.plusMonths(1)))
                    .expectEvents(new CoachReassigned(TRAJECTORY, COACH, "coach-bram", ASSIGNED.plusMonths(1)));
        }

        @Test
        void assignmentToTheSameCoachAgainIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory()).when(new AssignCoachCommand(TRAJECTORY, COACH, ASSIGNED)),
                    StateConflictException.class, "already-assigned-to-coach");
        }

        @Test
        void assignmentToAnUnknownCoachIsRefused() {
            refusedAs(fixture.given(referred()).when(new AssignCoachCommand(TRAJECTORY, "nobody", ASSIGNED)),
                    NotFoundException.class, "unknown-coach");
        }

        @Test
        void assignmentBeforeTheReferralIsRefused() {
            refusedAs(fixture.given(referred()).when(new AssignCoachCommand(TRAJECTORY, COACH, RECEIVED.minusDays(1))),
                    InvalidFieldException.class, "not-before-referral");
        }
    }

    @Nested
    class Coaching {

        @Test
        void homeVisitIsRecorded() {
            fixture.given(anAssignedTrajectory())
                    .when(new RecordHomeVisitCommand(TRAJECTORY, "v-1", ASSIGNED.plusDays(3), 75, true, "intake", null))
                    .expectEvents(new HomeVisitHeld(TRAJECTORY, "v-1", ASSIGNED.plusDays(3), 75, true, "intake", VisitLocation.HOME));
        }

        @Test
        void aVisitWithoutALocationWasAtHome() {
            fixture.given(anAssignedTrajectory())
                    .when(new RecordHomeVisitCommand(TRAJECTORY, "v-1", ASSIGNED.plusDays(3), 30, false, null, null))
                    .expectEvents(new HomeVisitHeld(TRAJECTORY, "v-1", ASSIGNED.plusDays(3), 30, false, null, VisitLocation.HOME));
        }

        @Test
        void aVisitRecordsWhereItTookPlace() {
            fixture.given(anAssignedTrajectory())
                    .when(new RecordHomeVisitCommand(TRAJECTORY, "v-1", ASSIGNED.plusDays(3), 30, false, null, VisitLocation.VIDEO))
                    .expectEvents(new HomeVisitHeld(TRAJECTORY, "v-1", ASSIGNED.plusDays(3), 30, false, null, VisitLocation.VIDEO));
        }

        @Test
        void visitBeforeACoachIsAssignedIsRefused() {
            refusedAs(fixture.given(referred())
                            .when(new RecordHomeVisitCommand(TRAJECTORY, "v-1", RECEIVED.plusDays(3), 60, false, null, null)),
                    StateConflictException.class, "no-coach-assigned");
        }

        @Test
        void visitInTheFutureIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new RecordHomeVisitCommand(TRAJECTORY, "v-1", TODAY.plusDays(1), 60, false, null, null)),
                    InvalidFieldException.class, "not-in-future");
        }

        @Test
        void visitBeforeTheReferralIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new RecordHomeVisitCommand(TRAJECTORY, "v-1", RECEIVED.minusDays(1), 60, false, null, null)),
                    InvalidFieldException.class, "not-before-referral");
        }

        @Test
        void visitWithANegativeDurationIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new RecordHomeVisitCommand(TRAJECTORY, "v-1", ASSIGNED, -1, false, null, null)),
                    InvalidFieldException.class, "not-negative");
        }

        @Test
        void phoneContactWithANegativeDurationIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new LogPhoneContactCommand(TRAJECTORY, ASSIGNED, -5, null)),
                    InvalidFieldException.class, "not-negative");
        }

        @Test
        void goalBeforeACoachIsAssignedIsRefused() {
            refusedAs(fixture.given(referred())
                            .when(new SetGoalCommand(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, RECEIVED, null)),
                    StateConflictException.class, "no-coach-assigned");
        }

        @Test
        void goalIsSet() {
            fixture.given(anAssignedTrajectory())
                    .when(new SetGoalCommand(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, ASSIGNED, null))
                    .expectEvents(new GoalSet(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, ASSIGNED, List.of()));
        }

        @Test
        void aGoalIsLinkedToEachNamedSubgoalOnceInTheOrderOfTheIntervention() {
            fixture.given(anAssignedTrajectory())
                    .when(new SetGoalCommand(TRAJECTORY, "g-1", "rent paid", LifeDomain.PARENTING, ASSIGNED,
                            List.of(Subgoal.KEEPS_PARENTING_NETWORK, Subgoal.PARENTING_CONFIDENCE, Subgoal.KEEPS_PARENTING_NETWORK)))
                    .expectEvents(new GoalSet(TRAJECTORY, "g-1", "rent paid", LifeDomain.PARENTING, ASSIGNED,
                            List.of(Subgoal.PARENTING_CONFIDENCE, Subgoal.KEEPS_PARENTING_NETWORK)));
        }

        @Test
        void goalIsEvaluatedOnTheAttainmentScale() {
            fixture.given(anAssignedTrajectory())
                    .andGiven(new GoalSet(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, ASSIGNED, List.of()))
                    .when(new EvaluateGoalCommand(TRAJECTORY, "g-1", GoalAttainment.PARTLY, CLOSED))
                    .expectEvents(new GoalEvaluated(TRAJECTORY, "g-1", GoalAttainment.PARTLY, CLOSED));
        }

        @Test
        void evaluatingAGoalTwiceIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .andGiven(new GoalSet(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, ASSIGNED, List.of()),
                                    new GoalEvaluated(TRAJECTORY, "g-1", GoalAttainment.FULLY, CLOSED))
                            .when(new EvaluateGoalCommand(TRAJECTORY, "g-1", GoalAttainment.PARTLY, CLOSED)),
                    StateConflictException.class, "goal-already-evaluated");
        }

        @Test
        void evaluatingAnUnknownGoalIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new EvaluateGoalCommand(TRAJECTORY, "g-404", GoalAttainment.PARTLY, CLOSED)),
                    NotFoundException.class, "unknown-goal");
        }

        @Test
        void evaluatingAGoalBeforeItWasSetIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .andGiven(new GoalSet(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, ASSIGNED, List.of()))
                            .when(new EvaluateGoalCommand(TRAJECTORY, "g-1", GoalAttainment.FULLY, ASSIGNED.minusDays(1))),
                    InvalidFieldException.class, "not-before-goal-set");
        }

        @Test
        void familyPlanHoldsTheGoalsSetSoFar() {
            fixture.given(anAssignedTrajectory())
                    .andGiven(new GoalSet(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, ASSIGNED, List.of()))
                    .when(new AgreeFamilyPlanCommand(TRAJECTORY, ASSIGNED.plusDays(20), List.of("Schuldhulp")))
                    .expectEvents(new FamilyPlanAgreed(TRAJECTORY, ASSIGNED.plusDays(20), List.of("g-1"),
                            List.of("Schuldhulp")));
        }

        @Test
        void familyPlanWithoutGoalsIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new AgreeFamilyPlanCommand(TRAJECTORY, ASSIGNED.plusDays(20), List.of())),
                    StateConflictException.class, "plan-without-goals");
        }

        @Test
        void safetyCanBeAssessedAtTriageBeforeAssignment() {
            fixture.given(referred())
                    .when(new AssessSafetyCommand(TRAJECTORY, RECEIVED, SafetyVerdict.CONCERNS, true, null))
                    .expectEvents(new SafetyAssessed(TRAJECTORY, RECEIVED, SafetyVerdict.CONCERNS, true, null));
        }
    }

    @Nested
    class AgencyReferrals {

        private final FamilyReferredToAgency referredToDebtCounselling =
                new FamilyReferredToAgency(TRAJECTORY, "a-1", "Schuldhulpverlening", ASSIGNED.plusMonths(1));

        @Test
        void warmHandoverEndsTheWaitForTheAgency() {
            fixture.given(anAssignedTrajectory())
                    .andGiven(referredToDebtCounselling)
                    .when(new RecordWarmHandoverCommand(TRAJECTORY, "a-1", ASSIGNED.plusMonths(2)))
                    .expectEvents(new WarmHandoverDone(TRAJECTORY, "a-1", ASSIGNED.plusMonths(2)));
        }

        @Test
        void warmHandoverTwiceForTheSameAgencyReferralIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .andGiven(referredToDebtCounselling,
                                    new WarmHandoverDone(TRAJECTORY, "a-1", ASSIGNED.plusMonths(2)))
                            .when(new RecordWarmHandoverCommand(TRAJECTORY, "a-1", ASSIGNED.plusMonths(3))),
                    StateConflictException.class, "warm-handover-already-done");
        }

        @Test
        void warmHandoverForAnUnknownAgencyReferralIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new RecordWarmHandoverCommand(TRAJECTORY, "a-404", ASSIGNED.plusMonths(2))),
                    NotFoundException.class, "unknown-agency-referral");
        }

        @Test
        void warmHandoverBeforeTheAgencyReferralIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .andGiven(referredToDebtCounselling)
                            .when(new RecordWarmHandoverCommand(TRAJECTORY, "a-1", ASSIGNED)),
                    InvalidFieldException.class, "not-before-agency-referral");
        }
    }

    @Nested
    class Extension {

        @Test
        void extensionIsGranted() {
            fixture.given(anAssignedTrajectory())
                    .when(new GrantExtensionCommand(TRAJECTORY, ASSIGNED.plusMonths(6), 3, "agency waiting list"))
                    .expectEvents(new ExtensionGranted(TRAJECTORY, ASSIGNED.plusMonths(6), 3, "agency waiting list"));
        }

        @Test
        void extensionBeforeACoachIsAssignedIsRefused() {
            refusedAs(fixture.given(referred()).when(new GrantExtensionCommand(TRAJECTORY, RECEIVED, 3, "x")),
                    StateConflictException.class, "no-coach-assigned");
        }

        @Test
        void extensionOfZeroMonthsIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory()).when(new GrantExtensionCommand(TRAJECTORY, ASSIGNED, 0, "x")),
                    InvalidFieldException.class, "between-1-and-12");
        }

        @Test
        void extensionOfMoreThanTwelveMonthsIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory()).when(new GrantExtensionCommand(TRAJECTORY, ASSIGNED, 13, "x")),
                    InvalidFieldException.class, "between-1-and-12");
        }
    }

    @Nested
    class Closure {

        @Test
        void closureRecordsReasonAndSatisfaction() {
            fixture.given(anAssignedTrajectory())
                    .when(new CloseTrajectoryCommand(TRAJECTORY, CLOSED, ClosureReason.FAMILY_IN_CONTROL, 8, 7, "ar"))
                    .expectEvents(new TrajectoryClosed(TRAJECTORY, CLOSED, ClosureReason.FAMILY_IN_CONTROL, 8, 7, "ar"));
        }

        @Test
        void closureEvaluatesTheGoalsNotYetEvaluatedOnItsDayInTheSameStep() {
            fixture.given(anAssignedTrajectory())
                    .andGiven(new GoalSet(TRAJECTORY, "g-2", "school", LifeDomain.PARENTING, ASSIGNED, List.of()),
                            new GoalSet(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, ASSIGNED, List.of()))
                    .when(new CloseTrajectoryCommand(TRAJECTORY, CLOSED, ClosureReason.FAMILY_IN_CONTROL, 8, 7, "ar",
                            Map.of("g-2", GoalAttainment.PARTLY, "g-1", GoalAttainment.FULLY)))
                    .expectEvents(new GoalEvaluated(TRAJECTORY, "g-1", GoalAttainment.FULLY, CLOSED),
                            new GoalEvaluated(TRAJECTORY, "g-2", GoalAttainment.PARTLY, CLOSED),
                            new TrajectoryClosed(TRAJECTORY, CLOSED, ClosureReason.FAMILY_IN_CONTROL, 8, 7, "ar"));
        }

        @Test
        void closureEvaluatingAnUnknownOrEvaluatedGoalIsRefusedWhole() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new CloseTrajectoryCommand(TRAJECTORY, CLOSED, ClosureReason.FAMILY_IN_CONTROL, null,
                                    null, null, Map.of("g-9", GoalAttainment.FULLY))),
                    InvalidFieldException.class, "unknown-goal");
            refusedAs(fixture.given(anAssignedTrajectory())
                            .andGiven(new GoalSet(TRAJECTORY, "g-1", "rent paid", LifeDomain.FINANCES, ASSIGNED, List.of()),
                                    new GoalEvaluated(TRAJECTORY, "g-1", GoalAttainment.PARTLY, ASSIGNED.plusDays(30)))
                            .when(new CloseTrajectoryCommand(TRAJECTORY, CLOSED, ClosureReason.FAMILY_IN_CONTROL, null,
                                    null, null, Map.of("g-1", GoalAttainment.FULLY))),
                    InvalidFieldException.class, "goal-already-evaluated");
        }

        @Test
        void closingTwiceIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory())
                            .when(new CloseTrajectoryCommand(TRAJECTORY, CLOSED, ClosureReason.DROPPED_OUT, null, null, null)),
                    StateConflictException.class, "trajectory-closed");
        }

        @Test
        void satisfactionMarkAboveTenIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new CloseTrajectoryCommand(TRAJECTORY, CLOSED, ClosureReason.FAMILY_IN_CONTROL, 11, null, null)),
                    InvalidFieldException.class, "between-1-and-10");
        }

        @Test
        void visitOnAClosedTrajectoryIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory())
                            .when(new RecordHomeVisitCommand(TRAJECTORY, "v-9", CLOSED.plusDays(1), 60, false, null, null)),
                    StateConflictException.class, "trajectory-closed");
        }

        @Test
        void goalOnAClosedTrajectoryIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory())
                            .when(new SetGoalCommand(TRAJECTORY, "g-9", "late", LifeDomain.HEALTH, CLOSED, null)),
                    StateConflictException.class, "trajectory-closed");
        }

        @Test
        void extensionOnAClosedTrajectoryIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory()).when(new GrantExtensionCommand(TRAJECTORY, CLOSED, 3, "x")),
                    StateConflictException.class, "trajectory-closed");
        }

        @Test
        void reassignmentOfAClosedTrajectoryIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory()).when(new AssignCoachCommand(TRAJECTORY, "coach-bram", CLOSED)),
                    StateConflictException.class, "trajectory-closed");
        }
    }

    @Nested
    class Aftercare {

        @Test
        void aftercareCallAfterClosureIsLogged() {
            fixture.given(aClosedTrajectory())
                    .when(new LogAftercareCallCommand(TRAJECTORY, CLOSED.plusWeeks(2), Wellbeing.STABLE, "ok"))
                    .expectEvents(new AftercareCallLogged(TRAJECTORY, CLOSED.plusWeeks(2), Wellbeing.STABLE, "ok"));
        }

        @Test
        void aftercareCallBeforeClosureIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory())
                            .when(new LogAftercareCallCommand(TRAJECTORY, ASSIGNED, Wellbeing.GOOD, null)),
                    StateConflictException.class, "aftercare-before-closure");
        }

        @Test
        void aftercareCallDatedBeforeTheClosureIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory())
                            .when(new LogAftercareCallCommand(TRAJECTORY, CLOSED.minusDays(1), Wellbeing.GOOD, null)),
                    InvalidFieldException.class, "not-before-closure");
        }

        @Test
        void aftercareEnds() {
            fixture.given(aClosedTrajectory())
                    .when(new EndAftercareCommand(TRAJECTORY, CLOSED.plusMonths(1)))
                    .expectEvents(new AftercareEnded(TRAJECTORY, CLOSED.plusMonths(1)));
        }

        @Test
        void aftercareCallAfterAftercareEndedIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory())
                            .andGiven(new AftercareEnded(TRAJECTORY, CLOSED.plusMonths(1)))
                            .when(new LogAftercareCallCommand(TRAJECTORY, CLOSED.plusMonths(1), Wellbeing.GOOD, null)),
                    StateConflictException.class, "aftercare-ended");
        }

        @Test
        void endingAftercareBeforeClosureIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory()).when(new EndAftercareCommand(TRAJECTORY, ASSIGNED)),
                    StateConflictException.class, "aftercare-before-closure");
        }

        @Test
        void aftercareCallOnATrajectoryClosedFromTheWaitingListIsRefused() {
            refusedAs(fixture.given(referred(), new TrajectoryClosed(TRAJECTORY, CLOSED, ClosureReason.MOVED_AWAY, null,
                                    null, null))
                            .when(new LogAftercareCallCommand(TRAJECTORY, CLOSED.plusWeeks(2), Wellbeing.STABLE, "ok")),
                    StateConflictException.class, "no-aftercare-without-coach");
        }

        @Test
        void endingAftercareOfATrajectoryClosedFromTheWaitingListIsRefused() {
            refusedAs(fixture.given(referred(), new TrajectoryClosed(TRAJECTORY, CLOSED, ClosureReason.MOVED_AWAY, null,
                                    null, null))
                            .when(new EndAftercareCommand(TRAJECTORY, CLOSED.plusWeeks(2))),
                    StateConflictException.class, "no-aftercare-without-coach");
        }
    }

    @Nested
    class Erasure {

        private final EraseFamilyDataCommand erase =
                new EraseFamilyDataCommand(TRAJECTORY, CLOSED.plusDays(5), ErasureRequester.PARENT, "AVG art. 17");

        @Test
        void aClosedTrajectorysPersonalDataIsErased() {
            fixture.given(aClosedTrajectory())
                    .when(erase)
                    .expectEvents(new PersonalDataErased(TRAJECTORY, CLOSED.plusDays(5), ErasureRequester.PARENT,
                            "AVG art. 17"));
        }

        @Test
        void erasureOfAnOpenTrajectoryIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory()).when(erase), StateConflictException.class,
                    "close-before-erasure");
        }

        @Test
        void erasingTwiceIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory())
                            .andGiven(new PersonalDataErased(TRAJECTORY, CLOSED.plusDays(5), ErasureRequester.PARENT, "x"))
                            .when(erase),
                    StateConflictException.class, "personal-data-erased");
        }

        @Test
        void aftercareAfterErasureIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory())
                            .andGiven(new PersonalDataErased(TRAJECTORY, CLOSED.plusDays(5), ErasureRequester.PARENT, "x"))
                            .when(new LogAftercareCallCommand(TRAJECTORY, CLOSED.plusDays(6), Wellbeing.GOOD, "note")),
                    StateConflictException.class, "personal-data-erased");
        }
    }
}
