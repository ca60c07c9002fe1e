package nl.gezinscoaching.web.services;

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
 * executor, the request's attributes (where the user's access token is kept) by this class. A page's first read
 * should be made on the request's own thread, so that a token that needs refreshing is refreshed once, there.
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

    /** Starts a read as the signed-in user of the current request. */
    public <T> Read<T> start(Supplier<T> read) {
        RequestAttributes request = RequestContextHolder.currentRequestAttributes();
        return new Read<>(CompletableFuture.supplyAsync(() -> {
            RequestContextHolder.setRequestAttributes(request);
            try {
                return read.get();
            } finally {
                RequestContextHolder.resetRequestAttributes();
            }
        }, asUser));
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }

    /** A read under way; {@link #get()} gives its answer or throws what the read threw (a refusal, an outage). */
    public static final class Read<T> {

        private final CompletableFuture<T> answer;

        private Read(CompletableFuture<T> answer) {
            this.answer = answer;
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
