package nl.gezinscoaching.command.coach;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import nl.gezinscoaching.command.rules.InvalidFieldException;
import nl.gezinscoaching.events.coach.CoachRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoachTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private FixtureConfiguration<Coach> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Coach.class);
        fixture.registerInjectableResource(Clock.fixed(TODAY.atStartOfDay(ZoneId.of("Europe/Amsterdam")).toInstant(),
                ZoneId.of("Europe/Amsterdam")));
    }

    @Test
    void coachIsRegisteredWithClusterAndFte() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCoachCommand("c-1", "Anna", "Noord", new BigDecimal("0.8"), TODAY))
                .expectEvents(new CoachRegistered("c-1", "Anna", "Noord", new BigDecimal("0.8"), TODAY));
    }

    @Test
    void fteOfZeroIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCoachCommand("c-1", "Anna", "Noord", BigDecimal.ZERO, TODAY))
                .expectNoEvents()
                .expectException(InvalidFieldException.class);
    }

    @Test
    void fteAboveOnePointTwoIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCoachCommand("c-1", "Anna", "Noord", new BigDecimal("1.3"), TODAY))
                .expectNoEvents()
                .expectException(InvalidFieldException.class);
    }

    @Test
    void fteOfOnePointTwoIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCoachCommand("c-1", "Anna", "Noord", new BigDecimal("1.2"), TODAY))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void registrationInTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCoachCommand("c-1", "Anna", "Noord", BigDecimal.ONE, TODAY.plusDays(1)))
                .expectNoEvents()
                .expectException(InvalidFieldException.class);
    }

    @Test
    void registrationBefore1900IsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCoachCommand("c-1", "Anna", "Noord", BigDecimal.ONE, LocalDate.of(-999_999_999, 1, 1)))
                .expectNoEvents()
                .expectException(InvalidFieldException.class);
    }
}
