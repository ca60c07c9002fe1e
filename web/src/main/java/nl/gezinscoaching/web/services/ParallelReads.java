package nl.gezinscoaching.web.services;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Reads of the services that one page makes side by side instead of one after the other (the dashboard's views).
 * Each read runs as the signed-in user: the security context is carried over by Spring Security's delegating
 * executor, the request's attributes (where the user's access token is kept, in the session) by this class, as
 * Spring offers no executor that does. A page's first read should be made on the request's own thread, so that a
 * token that needs refreshing is refreshed once, there.
 */
@Component
public class ParallelReads implements DisposableBean {

    /** Threads for all pages together; a page waits for its reads, so more would only queue on the services. */
    static final int THREADS = 8;

    private final ExecutorService threads;
    private final ExecutorService asUser;

    ParallelReads() {
        AtomicInteger number = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread thread = new Thread(task, "page-read-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newFixedThreadPool(THREADS, named);
        this.asUser = new DelegatingSecurityContextExecutorService(threads);
    }

    /**
     * The reads of one page, to be closed before the page's request ends: closing waits for every read it
     * started, so that none still uses the request when one read's failure has already answered it.
     */
    public Page page() {
        return new Page(RequestContextHolder.currentRequestAttributes());
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }

    /** The reads one request started. */
    public final class Page implements AutoCloseable {

        private final RequestAttributes request;
        private final List<CompletableFuture<?>> started = new ArrayList<>();

        private Page(RequestAttributes request) {
            this.request = request;
        }

        /** Starts a read as the signed-in user of this page's request. */
        public <T> Read<T> start(Supplier<T> read) {
            CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> {
                RequestContextHolder.setRequestAttributes(request);
                try {
                    return read.get();
                } finally {
                    RequestContextHolder.resetRequestAttributes();
                }
            }, asUser);
            started.add(answer);
            return new Read<>(answer);
        }

        /** Waits for every read started, whether it answered or failed (its failure is thrown by its own get). */
        @Override
        public void close() {
            started.forEach(read -> read.handle((answer, failure) -> null).join());
        }
    }

    /** A read under way; {@link #get()} gives its answer or throws what the read threw (a refusal, an outage). */
    public static final class Read<T> {

        private final CompletableFuture<T> answer;

        private Read(CompletableFuture<T> answer) {
            this.answer = answer;
        }

        /** A read already made (on the request's thread, or not needed because another read answers it). */
        public static <T> Read<T> done(T answer) {
            return new Read<>(CompletableFuture.completedFuture(answer));
        }

        public T get() {
            try {
                return answer.join();
            } catch (CompletionException failure) {
                if (failure.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (failure.getCause() instanceof Error error) {
                    throw error;
                }
                throw failure;
            }
        }
    }
}
