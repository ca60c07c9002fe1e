package nl.gezinscoaching.events.plan;

import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.axonframework.serialization.Revision;

/**
 * A goal of the family plan was set.
 * <p>
 * Revision 2 added {@code subgoals}: the Coach je kind subgoals the goal is linked to, in the order of
 * {@link Subgoal}, without repeats. Empty means "not linked", which is how every revision-1 goal reads
 * (upcaster {@code GoalSetLinkedToSubgoals} in the platform).
 */
@Revision("2")
public record GoalSet(String trajectoryId,
                      String goalId,
                      @PersonalData String description,
                      LifeDomain lifeDomain,
                      LocalDate setOn,
                      List<Subgoal> subgoals) implements TrajectoryEvent {

    @Override
    public LocalDate occurredOn() {
        return setOn;
    }
}
