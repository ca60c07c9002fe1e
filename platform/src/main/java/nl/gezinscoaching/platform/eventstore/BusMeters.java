package nl.gezinscoaching.platform.eventstore;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * A bus's meters as Axon's {@code MessageCountingMonitor} and {@code MessageTimerMonitor} publish them (the same
 * names, {@code <bus>.ingestedCounter} ... {@code <bus>.allTimer}, no tags, the same percentiles), registered once:
 * Axon's monitors look every counter and timer up in the registry again for each message, which cost about a tenth
 * of a command's client-thread time (issue 22, docs/benchmarks.md).
 */
final class BusMeters implements MessageMonitor<Message<?>> {

    private final Clock clock;
    private final Counter ingested;
    private final Counter success;
    private final Counter failure;
    private final Counter processed;
    private final Counter ignored;
    private final Timer all;
    private final Timer successTimer;
    private final Timer failureTimer;
    private final Timer ignoredTimer;

    BusMeters(String bus, MeterRegistry registry) {
        this.clock = registry.config().clock();
        this.ingested = registry.counter(bus + ".ingestedCounter");
        this.success = registry.counter(bus + ".successCounter");
        this.failure = registry.counter(bus + ".failureCounter");
        this.processed = registry.counter(bus + ".processedCounter");
        this.ignored = registry.counter(bus + ".ignoredCounter");
        this.all = timer(bus + ".allTimer", registry);
        this.successTimer = timer(bus + ".successTimer", registry);
        this.failureTimer = timer(bus + ".failureTimer", registry);
        this.ignoredTimer = timer(bus + ".ignoredTimer", registry);
    }

    private static Timer timer(String name, MeterRegistry registry) {
        return Timer.builder(name)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                .register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                processed.increment();
                success.increment();
                record(successTimer);
            }

            @Override
            public void reportFailure(Throwable cause) {
                processed.increment();
                failure.increment();
                record(failureTimer);
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
                record(ignoredTimer);
            }

            private void record(Timer outcome) {
                long took = clock.monotonicTime() - start;
                all.record(took, TimeUnit.NANOSECONDS);
                outcome.record(took, TimeUnit.NANOSECONDS);
            }
        };
    }
}
