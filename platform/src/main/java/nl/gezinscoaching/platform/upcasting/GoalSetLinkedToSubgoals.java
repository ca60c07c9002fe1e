package nl.gezinscoaching.platform.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.gezinscoaching.events.plan.GoalSet;

/** {@link GoalSet} 1 to 2: a goal set before subgoals existed is not linked to any (an empty list). */
final class GoalSetLinkedToSubgoals extends JsonFieldUpcaster {

    GoalSetLinkedToSubgoals() {
        super(GoalSet.class, "1", "2");
    }

    @Override
    void change(ObjectNode payload) {
        if (!payload.has("subgoals")) {
            payload.putArray("subgoals");
        }
    }
}
