package nl.gezinscoaching.platform.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.VisitLocation;

/** {@link HomeVisitHeld} 1 to 2: a visit recorded before the location existed was a visit at home. */
final class HomeVisitHeldWithLocation extends JsonFieldUpcaster {

    HomeVisitHeldWithLocation() {
        super(HomeVisitHeld.class, "1", "2");
    }

    @Override
    void change(ObjectNode payload) {
        if (!payload.hasNonNull("location")) {
            payload.put("location", VisitLocation.HOME.name());
        }
    }
}
