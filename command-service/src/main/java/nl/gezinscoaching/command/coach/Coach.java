package nl.gezinscoaching.command.coach;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Clock;
import nl.gezinscoaching.command.rules.BusinessDates;
import nl.gezinscoaching.command.rules.InvalidFieldException;
import nl.gezinscoaching.events.coach.CoachRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A coach of the team. A second registration with the same id fails on the event stream's uniqueness. */
@Aggregate
class Coach {

    static final BigDecimal MAX_FTE = new BigDecimal("1.2");

    @AggregateIdentifier
    private String coachId;

    protected Coach() {
        // for Axon
    }

    @CommandHandler
    Coach(RegisterCoachCommand command, Clock clock) {
        if (command.fte().signum() <= 0 || command.fte().compareTo(MAX_FTE) > 0) {
            throw new InvalidFieldException("fte", "above-0-at-most-1.2", "must be above 0 and at most 1.2");
        }
        BusinessDates.requireNotInFuture("registeredOn", command.registeredOn(), clock);
        apply(new CoachRegistered(command.coachId(), command.name(), command.cluster(), command.fte(),
                command.registeredOn()));
    }

    @EventSourcingHandler
    void on(CoachRegistered event) {
        coachId = event.coachId();
    }
}
