package nl.gezinscoaching.query.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;
import nl.gezinscoaching.query.deadletter.DeadLetterConfiguration.DeadLetteringGroups;
import org.springframework.stereotype.Component;

/**
 * Gauges per dead-lettering processing group, read from the queue when scraped:
 * {@code dead.letter.sequences} (trajectories waiting) and {@code dead.letters} (events waiting), tagged
 * only with {@code processing.group}. Never a trajectory or anything of an event in a tag.
 */
@Component
class DeadLetterMeters {

    DeadLetterMeters(MeterRegistry registry, DeadLetteringGroups groups, DeadLetters deadLetters) {
        for (String group : groups.names()) {
            register(registry, "dead.letter.sequences", "sequences (trajectories) with events in the dead-letter queue",
                    group, deadLetters, DeadLetters.Count::sequences);
            register(registry, "dead.letters", "events in the dead-letter queue", group, deadLetters,
                    DeadLetters.Count::letters);
        }
    }

    private static void register(MeterRegistry registry, String name, String description, String group,
                                 DeadLetters deadLetters, ToLongFunction<DeadLetters.Count> value) {
        Gauge.builder(name, deadLetters, d -> d.counts().stream().filter(c -> c.processingGroup().equals(group))
                        .mapToLong(value).sum())
                .description(description)
                .tag("processing.group", group)
                .strongReference(true)
                .register(registry);
    }
}
