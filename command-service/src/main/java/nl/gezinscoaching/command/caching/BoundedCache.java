package nl.gezinscoaching.command.caching;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's {@link Cache} over a Caffeine cache of at most {@code maximumSize} entries, held by strong
 * references: an aggregate stays cached until it is among the least valuable when the bound is reached
 * (Caffeine's W-TinyLFU policy), not until the next garbage collection as with Axon's
 * {@code WeakReferenceCache}, which nothing else references and which a young collection empties.
 * <p>
 * Entry listeners hear of creations, updates and explicit removals; entries dropped to respect the bound
 * are reported as expired. Hits, misses (a miss is a trajectory loaded from the event store), evictions
 * and size can be published as Micrometer's standard cache meters ({@link #bindTo}).
 */
public final class BoundedCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public BoundedCache(long maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1, was " + maximumSize);
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .recordStats()
                .executor(Runnable::run)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (cause.wasEvicted() && key != null) {
                        listeners.forEach(listener -> listener.onEntryExpired(key));
                    }
                })
                .build();
        this.entries = cache.asMap();
    }

    /** Publishes this cache's meters ({@code cache.gets}, {@code cache.size}, ...) tagged {@code cache=name}. */
    public void bindTo(MeterRegistry registry, String name) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) cache.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object previous = entries.put(key, value);
        listeners.forEach(listener -> {
            if (previous == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean absent = entries.putIfAbsent(key, value) == null;
        if (absent) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return absent;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Entries held now (for metrics and tests). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
