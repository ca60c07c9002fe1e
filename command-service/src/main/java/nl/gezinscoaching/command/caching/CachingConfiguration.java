package nl.gezinscoaching.command.caching;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CachingConfiguration {

    /**
     * Keeps loaded trajectories in memory, so a command does not replay the whole stream: at most
     * {@code command.trajectory-cache.maximum-size} of them (default 10,000, well above the open families of
     * a municipality's teams; a trajectory of ~60 events takes a few kilobytes). Safe while one
     * command-service instance writes: a second instance would find its cached copy stale, its append
     * would fail on the event table's unique key, and Axon drops the entry on that rollback.
     */
    @Bean
    Cache trajectoryCache(@Value("${command.trajectory-cache.maximum-size:10000}") long maximumSize,
                          MeterRegistry meterRegistry) {
        BoundedCache cache = new BoundedCache(maximumSize);
        cache.bindTo(meterRegistry, "trajectories");
        return cache;
    }
}
