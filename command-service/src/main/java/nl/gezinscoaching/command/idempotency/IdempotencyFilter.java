package nl.gezinscoaching.command.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.gezinscoaching.command.concurrency.ConcurrentChange;
import nl.gezinscoaching.command.idempotency.IdempotencyKeys.Stored;
import nl.gezinscoaching.platform.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Honours {@code Idempotency-Key} on the command API's POSTs (after the security filters, so the user is
 * known). The first request with a key runs in one transaction with the storing of its answer: the events
 * Axon appends and the stored (key, user, request hash, status, body) commit together or not at all. A
 * repeat with the same key, user and body gets the stored answer and records nothing; the same key with
 * another body is 422 {@code idempotency-key-reused}; a concurrent twin still running is 409
 * {@code idempotency-key-in-use} (its transaction is rolled back). Refused requests (4xx/5xx) store nothing,
 * so the corrected request may use the key again. Requests without the header are untouched.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 100;

    private final IdempotencyKeys keys;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.builder().build();

    private final int maxConflictRetries;
    private final Counter conflictRetries;
    private final Counter refusalRechecks;

    IdempotencyFilter(IdempotencyKeys keys, PlatformTransactionManager transactionManager,
                      @Value("${command.concurrent-change.max-retries:5}") int maxConflictRetries,
                      MeterRegistry meters) {
        this.keys = keys;
        this.transactions = new TransactionTemplate(transactionManager);
        this.maxConflictRetries = maxConflictRetries;
        this.conflictRetries = ConcurrentChange.retryCounter(meters, "idempotency-filter", ConcurrentChange.Kind.CONFLICT);
        this.refusalRechecks = ConcurrentChange.retryCounter(meters, "idempotency-filter", ConcurrentChange.Kind.REFUSAL);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || user == null) {
            problem(response, HttpStatus.BAD_REQUEST, "idempotency-key-invalid",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String hash = sha256(request.getRequestURI(), body);
        String username = user.getName();

        Optional<Stored> earlier = keys.find(username, key);
        if (earlier.isPresent()) {
            replay(earlier.get(), hash, response);
            return;
        }
        // the headers set before this filter: what a retry starts from again
        Map<String, List<String>> headersBefore = new LinkedHashMap<>();
        response.getHeaderNames().forEach(name -> headersBefore.put(name, List.copyOf(response.getHeaders(name))));
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            // decided on a stale cached trajectory? The attempt was rolled back (a lost race also aborted the
            // transaction): run the request again in a new transaction, on the current state
            ConcurrentChange.Kind stale = attempt(request, body, answer, chain, username, key, hash);
            int conflicts = 0;
            boolean refusalRechecked = false;
            while (stale == ConcurrentChange.Kind.CONFLICT && conflicts < maxConflictRetries
                    || stale == ConcurrentChange.Kind.REFUSAL && !refusalRechecked) {
                if (stale == ConcurrentChange.Kind.CONFLICT) {
                    conflicts++;
                    conflictRetries.increment();
                } else {
                    refusalRechecked = true;
                    refusalRechecks.increment();
                }
                request.removeAttribute(ConcurrentChange.REQUEST_ATTRIBUTE);
                startAgain(answer, headersBefore);
                stale = attempt(request, body, answer, chain, username, key, hash);
            }
        } catch (DuplicateKeyException concurrentTwin) {
            startAgain(answer, headersBefore);
            problem(answer, HttpStatus.CONFLICT, "idempotency-key-in-use",
                    "A request with this Idempotency-Key is being recorded");
        }
        answer.copyBodyToResponse();
    }

    /** One try in its own transaction; the kind of refusal that a stale copy may explain, if any (rolled back). */
    private ConcurrentChange.Kind attempt(HttpServletRequest request, byte[] body, ContentCachingResponseWrapper answer,
                            FilterChain chain, String username, String key, String hash) {
        return transactions.execute(status -> {
            try {
                chain.doFilter(new ReplayedBody(request, body), answer);
            } catch (IOException | ServletException e) {
                throw new IllegalStateException(e);
            }
            if (answer.getStatus() >= 400) {
                status.setRollbackOnly();
                return request.getAttribute(ConcurrentChange.REQUEST_ATTRIBUTE) instanceof ConcurrentChange.Kind kind
                        ? kind : null;
            }
            keys.store(username, key, new Stored(hash, answer.getStatus(), answer.getContentType(),
                    new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8)));
            return null;
        });
    }

    /**
     * Forgets everything a failed attempt wrote: body, status, content type and headers (a successful retry of a
     * refused attempt must not keep its 409 and problem content type, or it is taken for a refusal and rolled back).
     */
    private static void startAgain(ContentCachingResponseWrapper answer, Map<String, List<String>> headersBefore) {
        answer.reset();
        headersBefore.forEach((name, values) -> values.forEach(value -> answer.addHeader(name, value)));
    }

    private void replay(Stored stored, String hash, HttpServletResponse response) throws IOException {
        if (!stored.requestHash().equals(hash)) {
            problem(response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "This Idempotency-Key was used for another request");
            return;
        }
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String rule, String detail)
            throws IOException {
        ProblemDetail problem = Problems.of(status, rule, status.getReasonPhrase(), detail);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.getType().toString());
        document.put("title", problem.getTitle());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        document.put("rule", rule);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(document));
    }

    private static String sha256(String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once and replayed to the controller. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
