package nl.gezinscoaching.command.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    private final BoundedCache cache = new BoundedCache(100);

    @Test
    void keepsWhatWasPutUntilRemoved() {
        cache.put("t-1", "trajectory one");

        assertThat(cache.<String, String>get("t-1")).isEqualTo("trajectory one");
        assertThat(cache.containsKey("t-1")).isTrue();
        assertThat(cache.remove("t-1")).isTrue();
        assertThat(cache.<String, String>get("t-1")).isNull();
        assertThat(cache.remove("t-1")).isFalse();
    }

    @Test
    void survivesGarbageCollectionUnlikeAWeakReferenceCache() {
        cache.put("t-1", new StringBuilder("nobody else holds this"));

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(cache.<String, Object>get("t-1")).hasToString("nobody else holds this");
    }

    @Test
    void neverHoldsMoreThanItsBound() {
        for (int i = 0; i < 1_000; i++) {
            cache.put("t-" + i, i);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        assertThat(cache.putIfAbsent("t-1", "first")).isTrue();
        assertThat(cache.putIfAbsent("t-1", "second")).isFalse();
        assertThat(cache.<String, String>get("t-1")).isEqualTo("first");
    }

    @Test
    void putOfNullRemoves() {
        cache.put("t-1", "value");
        cache.put("t-1", null);

        assertThat(cache.containsKey("t-1")).isFalse();
    }

    @Test
    void computeIfPresentUpdatesOnlyExistingEntries() {
        cache.put("t-1", 1);
        cache.<Integer>computeIfPresent("t-1", value -> value + 1);
        cache.<Integer>computeIfPresent("t-2", value -> value + 1);

        assertThat(cache.<String, Integer>get("t-1")).isEqualTo(2);
        assertThat(cache.containsKey("t-2")).isFalse();
    }

    @Test
    void listenersHearOfChangesAndEvictions() {
        BoundedCache small = new BoundedCache(1);
        List<String> heard = new ArrayList<>();
        small.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }
        });

        small.put("a", 1);
        small.put("a", 2);
        small.remove("a");
        small.put("b", 1);
        small.put("c", 1);
        small.size(); // lets the cache apply its bound

        assertThat(heard).containsSubsequence("created a", "updated a", "removed a", "created b", "created c");
        assertThat(heard).containsAnyOf("expired b", "expired c");
    }

    @Test
    void publishesHitsAndMissesAsCacheMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        cache.bindTo(registry, "trajectories");
        cache.put("t-1", "value");

        cache.get("t-1");
        cache.get("t-2");

        assertThat(registry.get("cache.gets").tag("cache", "trajectories").tag("result", "hit")
                .functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("cache.gets").tag("cache", "trajectories").tag("result", "miss")
                .functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void refusesAnEmptyBound() {
        assertThatThrownBy(() -> new BoundedCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
