package nl.gezinscoaching.platform.upcasting;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Axon's upcaster chain: every stored event passes it when it is read (aggregates, projections, replays,
 * histories), so code only ever sees the current revision of each event class. One bean, the whole chain
 * in its order, so the order is written down once; Axon's Spring configuration registers it with the
 * configurer, and the JDBC storage engine ({@code AxonJdbcAutoConfiguration}) reads through it.
 * <p>
 * To change an event's shape: raise its {@code @Revision}, add an upcaster from the previous revision to
 * {@link #upcasters()} (after any older one of the same type), add a stored-JSON fixture of the old
 * revision, and regenerate the catalogue ({@code EventCatalogueTest}, docs/events.md).
 */
@AutoConfiguration
public class EventUpcasting {

    /** Every upcaster, oldest change first. */
    public static List<EventUpcaster> upcasters() {
        return List.of(new GoalSetLinkedToSubgoals(), new HomeVisitHeldWithLocation());
    }

    /** The chain, for code outside Spring (benchmarks, tests). */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(upcasters());
    }

    @Bean
    EventUpcasterChain eventUpcasterChain() {
        return chain();
    }
}
