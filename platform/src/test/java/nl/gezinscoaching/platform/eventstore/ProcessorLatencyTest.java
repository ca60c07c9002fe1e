package nl.gezinscoaching.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class ProcessorLatencyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MovingClock clock = new MovingClock();
    private final ProcessorLatency latency = new ProcessorLatency(registry, clock);

    /** A clock the test moves on. */
    private static final class MovingClock extends Clock {

        private Instant now = NOW;

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void gaugeShowsHowLongAgoTheNewestEventWasPublished() {
        latency.monitor("management-facts").onMessageIngested(eventAt(NOW.minusMillis(250)));

        assertThat(gauge("management-facts").value()).isEqualTo(250.0);
    }

    @Test
    void monitorsOfOneProcessorShareOneGauge() {
        var first = latency.monitor("management-facts");
        var second = latency.monitor("management-facts");

        first.onMessageIngested(eventAt(NOW.minusMillis(900)));
        clock.advance(ProcessorLatency.SAMPLE_INTERVAL_MILLIS);
        second.onMessageIngested(eventAt(NOW.minusMillis(40)));

        assertThat(registry.find("management-facts.latency").gauges()).hasSize(1);
        assertThat(gauge("management-facts").value()).isEqualTo(40.0 + ProcessorLatency.SAMPLE_INTERVAL_MILLIS);
    }

    @Test
    void betweenSamplesAMessagesTimestampIsNotRead() {
        var monitor = latency.monitor("management-facts");
        monitor.onMessageIngested(eventAt(NOW.minusMillis(300)));

        clock.advance(ProcessorLatency.SAMPLE_INTERVAL_MILLIS - 1);
        monitor.onMessageIngested(new GenericEventMessage<>("payload") {
            @Override
            public Instant getTimestamp() {
                throw new AssertionError("read between two samples");
            }
        });
        assertThat(gauge("management-facts").value()).isEqualTo(300.0);

        clock.advance(1);
        monitor.onMessageIngested(eventAt(NOW.minusMillis(20)));
        assertThat(gauge("management-facts").value()).isEqualTo(20.0 + ProcessorLatency.SAMPLE_INTERVAL_MILLIS);
    }

    @Test
    void eachProcessorHasItsOwnGauge() {
        latency.monitor("a").onMessageIngested(eventAt(NOW.minusMillis(10)));
        latency.monitor("b").onMessageIngested(eventAt(NOW.minusMillis(20)));

        assertThat(gauge("a").value()).isEqualTo(10.0);
        assertThat(gauge("b").value()).isEqualTo(20.0);
    }

    private Gauge gauge(String processor) {
        return registry.get(processor + ".latency").gauge();
    }

    private static EventMessage<?> eventAt(Instant timestamp) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), "payload", Map.of(), timestamp);
    }
}
