package nl.gezinscoaching.platform.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * How far each event processor lags behind: the gauge {@code <processor>.latency} holds the milliseconds
 * between the newest event the processor took in and the moment it did.
 * <p>
 * Axon's own {@code EventProcessorLatencyMonitor} registers its gauge again for every event (a registry
 * lookup per message), and when Axon builds a second monitor for the same processor (one per processing
 * thread) the registry keeps the first one's value and warns. Here each processor has one gauge and one
 * value, registered once, shared by all its monitors. The gauge is sampled: at most every 100 ms a message's
 * timestamp is read (which parses its stored text); any other message costs one clock read (issue 22: a rebuild
 * parsed every event's timestamp here once more).
 */
public final class ProcessorLatency {

    private final MeterRegistry registry;
    private final Clock clock;
    static final long SAMPLE_INTERVAL_MILLIS = 100;

    private final Map<String, AtomicLong> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sampledAt = new ConcurrentHashMap<>();

    public ProcessorLatency(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The monitor of one processor; every monitor of the same name updates the same gauge. */
    public MessageMonitor<EventMessage<?>> monitor(String processorName) {
        AtomicLong latency = latencies.computeIfAbsent(processorName, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name + ".latency", value, AtomicLong::get)
                    .description("milliseconds between the newest event this processor took in and the moment it did")
                    .baseUnit("milliseconds")
                    .register(registry);
            return value;
        });
        AtomicLong lastSample = sampledAt.computeIfAbsent(processorName, name -> new AtomicLong(Long.MIN_VALUE));
        return message -> {
            long now = clock.millis();
            long last = lastSample.get();
            if (last == Long.MIN_VALUE || now - last >= SAMPLE_INTERVAL_MILLIS) {
                if (lastSample.compareAndSet(last, now)) {
                    latency.set(now - message.getTimestamp().toEpochMilli());
                }
            }
            return NoOpMessageMonitorCallback.INSTANCE;
        };
    }
}
