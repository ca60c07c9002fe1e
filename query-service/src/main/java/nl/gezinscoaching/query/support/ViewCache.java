package nl.gezinscoaching.query.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import nl.gezinscoaching.platform.eventstore.ChangeSignals;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The management views, computed once per state of the read models they read. A view's answer is kept
 * under its parameters together with the tokens of the processing groups that write its tables: those
 * tokens are stored in the same transaction as the rows, so while they are unchanged the rows are too,
 * on whichever instance wrote them. A request therefore costs one look at {@code token_entry} (a handful
 * of rows) when nothing has changed, and the full query when something has; concurrent requests for the
 * same view and state wait for one computation instead of each running it.
 * <p>
 * That look is itself kept until a projection commits (issue 22): every commit of a projection, on this instance
 * or another ({@link ChangeSignals#READ_MODELS_MOVED}), starts a new generation, and a look taken in an older
 * generation is not used again. A page that asks for five views at once, or twenty managers opening the dashboard
 * between two commits, read {@code token_entry} once between them, and a view shows a projected event as soon as
 * its commit is signalled. In case a signal from another instance is lost, a look is kept at most
 * {@code query.view-cache.state-max-age} (100 ms); 0 reads the tokens for every request.
 * <p>
 * Nothing personal is kept: the cached views are the management views, which hold none. Parameters must
 * include everything the answer depends on (the day, the filter after {@code ClusterScope}, the page).
 */
@Component
public class ViewCache {

    /** The processing group of the management facts ({@code rm_*} tables). */
    public static final String MANAGEMENT_FACTS_GROUP = "management-facts";
    public static final List<String> MANAGEMENT_FACTS = List.of(MANAGEMENT_FACTS_GROUP);

    private final JdbcClient jdbc;
    private final boolean enabled;
    private final Cache<List<Object>, Object> views;
    private final Cache<StateKey, String> states;
    /** Raised by every commit of a projection (this instance's or, by {@link ChangeSignals}, another's). */
    private final AtomicLong generation = new AtomicLong();

    /** The tokens' state of some groups, as read in one generation of the read models. */
    private record StateKey(List<String> groups, long generation) {
    }

    /**
     * @param enabled off only where rows are written without a processor's token (tests that call a projection's
     *                handlers themselves)
     */
    ViewCache(JdbcClient jdbc, MeterRegistry meters, ChangeSignals signals,
              @Value("${query.view-cache.enabled:true}") boolean enabled,
              @Value("${query.view-cache.maximum-size:2000}") long maximumSize,
              @Value("${query.view-cache.expire-after-write:PT10M}") Duration expireAfterWrite,
              @Value("${query.view-cache.state-max-age:PT0.1S}") Duration stateMaxAge) {
        this.jdbc = jdbc;
        this.enabled = enabled;
        this.views = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite)
                .recordStats().build();
        // concurrent requests for the same groups wait for one read of the tokens
        this.states = Caffeine.newBuilder().maximumSize(100).expireAfterWrite(stateMaxAge).build();
        CaffeineCacheMetrics.monitor(meters, views, "query.views");
        signals.onSignal(ChangeSignals.READ_MODELS_MOVED, generation::incrementAndGet);
    }

    /**
     * @param view        the view's name
     * @param groups      the processing groups whose tables the view reads
     * @param parameters  everything else the answer depends on
     * @param computation computes the answer from the read models
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String view, List<String> groups, List<?> parameters, Supplier<T> computation) {
        String state = enabled ? states.get(new StateKey(groups, generation.get()), key -> state(key.groups())) : "";
        if (state.isEmpty()) {
            // no processor has stored a token: the tables are not written by projections (a test's own rows)
            return computation.get();
        }
        List<Object> key = new ArrayList<>(parameters.size() + 2);
        key.add(view);
        key.addAll(parameters);
        key.add(state);
        return (T) views.get(key, k -> computation.get());
    }

    /** The processing groups' tokens, segment by segment: changes whenever one of them has written rows. */
    private String state(List<String> groups) {
        return jdbc.sql("""
                SELECT coalesce(string_agg(processor_name || ':' || segment || ':' || coalesce(md5(token), '-'), ','
                                           ORDER BY processor_name, segment), '')
                FROM token_entry WHERE processor_name IN (:groups)""")
                .param("groups", groups)
                .query(String.class).single();
    }
}
