package nl.gezinscoaching.command.trajectory;

import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.ASSIGNED;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.CLOCK;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.RECEIVED;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.TODAY;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.TRAJECTORY;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.aClosedTrajectory;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.anAssignedTrajectory;
import static nl.gezinscoaching.command.trajectory.TrajectoryFixtures.referred;

import java.time.LocalDate;
import java.util.Set;
import nl.gezinscoaching.command.coach.CoachDirectory;
import nl.gezinscoaching.command.rules.CommandRefusedException;
import nl.gezinscoaching.command.rules.InvalidFieldException;
import nl.gezinscoaching.command.rules.StateConflictException;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.FamilyScreened;
import nl.gezinscoaching.events.screening.Indication;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The selection form (Coach je kind) on the trajectory aggregate, in the style of {@link TrajectoryTest}. */
class ScreeningTest {

    private static final LocalDate SCREENED = RECEIVED.plusDays(3);
    private static final Set<Indication> INDICATIONS = Set.of(Indication.MIGRATION_BACKGROUND,
            Indication.PARENTING_STRESS);
    private static final Set<ContraIndication> NONE = Set.of();

    private FixtureConfiguration<Trajectory> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Trajectory.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource((CoachDirectory) coachId -> true);
        fixture.registerInjectableResource((FamilyReferences) reference -> false);
    }

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

    private static ScreenFamilyCommand screening(LocalDate on, Set<ContraIndication> contraIndications,
                                                 String overrideReason) {
        return new ScreenFamilyCommand(TRAJECTORY, on, INDICATIONS, contraIndications, overrideReason);
    }

    @Nested
    class Outcome {

        @Test
        void screeningWithoutContraIndicationKeepsTheFamilyWaiting() {
            fixture.given(referred())
                    .when(screening(SCREENED, NONE, null))
                    .expectEvents(new FamilyScreened(TRAJECTORY, SCREENED, INDICATIONS, NONE, false, null));
        }

        @Test
        void aContraIndicationWithoutOverrideDeclinesTheReferralNamingIt() {
            Set<ContraIndication> holding = Set.of(ContraIndication.SUICIDALITY, ContraIndication.SAFETY_RISK);
            fixture.given(referred())
                    .when(screening(SCREENED, holding, null))
                    .expectEvents(new FamilyScreened(TRAJECTORY, SCREENED, INDICATIONS, holding, false, null),
                            new ReferralDeclined(TRAJECTORY, SCREENED, "contra-indication: SAFETY_RISK, SUICIDALITY"));
        }

        @Test
        void aContraIndicationWithOverrideAcceptsTheFamily() {
            Set<ContraIndication> holding = Set.of(ContraIndication.ALREADY_RECEIVING_PARENTING_SUPPORT);
            fixture.given(referred())
                    .when(screening(SCREENED, holding, "the other programme ends next month"))
                    .expectEvents(new FamilyScreened(TRAJECTORY, SCREENED, INDICATIONS, holding, true,
                            "the other programme ends next month"));
        }

        @Test
        void aScreenedFamilyCanStillBeAssignedACoach() {
            fixture.given(referred(), new FamilyScreened(TRAJECTORY, SCREENED, INDICATIONS, NONE, false, null))
                    .when(new AssignCoachCommand(TRAJECTORY, "coach-anna", ASSIGNED))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aDeclineByScreeningEndsTheTrajectory() {
            Set<ContraIndication> holding = Set.of(ContraIndication.SUICIDALITY);
            refusedAs(fixture.given(referred(), new FamilyScreened(TRAJECTORY, SCREENED, INDICATIONS, holding, false, null),
                                    new ReferralDeclined(TRAJECTORY, SCREENED, "contra-indication: SUICIDALITY"))
                            .when(new AssignCoachCommand(TRAJECTORY, "coach-anna", ASSIGNED)),
                    StateConflictException.class, "referral-declined");
        }
    }

    @Nested
    class OnlyWhileWaitingForACoach {

        @Test
        void screeningAfterAssignmentIsRefused() {
            refusedAs(fixture.given(anAssignedTrajectory()).when(screening(ASSIGNED, NONE, null)),
                    StateConflictException.class, "coach-already-assigned");
        }

        @Test
        void screeningADeclinedReferralIsRefused() {
            refusedAs(fixture.given(referred(), new ReferralDeclined(TRAJECTORY, RECEIVED, "x"))
                            .when(screening(SCREENED, NONE, null)),
                    StateConflictException.class, "referral-declined");
        }

        @Test
        void screeningAClosedTrajectoryIsRefused() {
            refusedAs(fixture.given(aClosedTrajectory()).when(screening(TODAY, NONE, null)),
                    StateConflictException.class, "trajectory-closed");
        }

        @Test
        void aSecondScreeningIsRefused() {
            refusedAs(fixture.given(referred(), new FamilyScreened(TRAJECTORY, SCREENED, INDICATIONS, NONE, false, null))
                            .when(screening(SCREENED.plusDays(1), NONE, null)),
                    StateConflictException.class, "already-screened");
        }
    }

    @Nested
    class Dates {

        @Test
        void screeningBeforeTheReferralIsRefused() {
            refusedAs(fixture.given(referred()).when(screening(RECEIVED.minusDays(1), NONE, null)),
                    InvalidFieldException.class, "not-before-referral");
        }

        @Test
        void screeningInTheFutureIsRefused() {
            refusedAs(fixture.given(referred()).when(screening(TODAY.plusDays(1), NONE, null)),
                    InvalidFieldException.class, "not-in-future");
        }
    }

    @Nested
    class OverrideReason {

        @Test
        void anOverrideWithoutContraIndicationIsRefused() {
            refusedAs(fixture.given(referred()).when(screening(SCREENED, NONE, "just because")),
                    InvalidFieldException.class, "only-with-contra-indication");
        }

        @Test
        void aBlankOverrideIsRefused() {
            refusedAs(fixture.given(referred())
                            .when(screening(SCREENED, Set.of(ContraIndication.SAFETY_RISK), "  ")),
                    InvalidFieldException.class, "required");
        }
    }

    /** The intake page records the referral and its selection form in one step: both or neither. */
    @Nested
    class AtIntake {

        private ReferFamilyCommand referralWith(ScreenFamilyCommand screening) {
            ReferFamilyCommand referral = TrajectoryFixtures.aReferral("CL-1001", false);
            return new ReferFamilyCommand(referral.trajectoryId(), referral.receivedOn(), referral.family(),
                    referral.children(), referral.referrer(), referral.reasons(), false, screening);
        }

        @Test
        void aReferralWithAnAcceptingScreeningIsReferredAndScreened() {
            fixture.givenNoPriorActivity()
                    .when(referralWith(screening(RECEIVED, NONE, null)))
                    .expectEvents(referred(), new FamilyScreened(TRAJECTORY, RECEIVED, INDICATIONS, NONE, false, null));
        }

        @Test
        void aReferralWithAContraIndicationIsDeclinedInTheSameStep() {
            fixture.givenNoPriorActivity()
                    .when(referralWith(screening(RECEIVED, Set.of(ContraIndication.SUICIDALITY), null)))
                    .expectEvents(referred(),
                            new FamilyScreened(TRAJECTORY, RECEIVED, INDICATIONS, Set.of(ContraIndication.SUICIDALITY),
                                    false, null),
                            new ReferralDeclined(TRAJECTORY, RECEIVED, "contra-indication: SUICIDALITY"));
        }

        @Test
        void aRefusedScreeningRefusesTheReferralTooNamingTheNestedField() {
            ResultValidator<Trajectory> result = fixture.givenNoPriorActivity()
                    .when(referralWith(screening(RECEIVED.minusDays(1), NONE, null)));
            refusedAs(result, InvalidFieldException.class, "not-before-referral");
            result.expectException(new TypeSafeMatcher<Throwable>() {
                @Override
                protected boolean matchesSafely(Throwable item) {
                    return item instanceof InvalidFieldException invalid
                            && invalid.field().equals("screening.screenedOn");
                }

                @Override
                public void describeTo(Description description) {
                    description.appendText("a refusal of field screening.screenedOn");
                }
            });
        }

        @Test
        void anOverrideWithoutContraIndicationAtIntakeIsRefused() {
            refusedAs(fixture.givenNoPriorActivity().when(referralWith(screening(RECEIVED, NONE, "toch"))),
                    InvalidFieldException.class, "only-with-contra-indication");
        }
    }
}
