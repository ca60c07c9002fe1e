package nl.gezinscoaching.web.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.gezinscoaching.web.services.ParallelReads.Read;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** A page's reads side by side: as the signed-in user, failures as they were thrown, none outliving the page. */
class ParallelReadsTest {

    private final ParallelReads reads = new ParallelReads();
    private final Authentication user = new TestingAuthenticationToken("manager-1", "n/a", "ROLE_MANAGER");
    private final RequestAttributes request = new ServletRequestAttributes(new MockHttpServletRequest());

    @BeforeEach
    void signIn() {
        SecurityContextHolder.getContext().setAuthentication(user);
        RequestContextHolder.setRequestAttributes(request);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
        reads.destroy();
    }

    @Test
    void aReadRunsAsTheSignedInUserOfTheRequestOnAnotherThread() {
        Thread page = Thread.currentThread();
        try (ParallelReads.Page reading = reads.page()) {
            Read<Thread> thread = reading.start(Thread::currentThread);
            Read<Authentication> who = reading.start(() -> SecurityContextHolder.getContext().getAuthentication());
            Read<RequestAttributes> attributes = reading.start(RequestContextHolder::getRequestAttributes);

            assertThat(thread.get()).isNotSameAs(page);
            assertThat(thread.get().getName()).startsWith("page-read-");
            assertThat(who.get()).isSameAs(user);
            assertThat(attributes.get()).isSameAs(request);
        }
    }

    @Test
    void aReadsFailureIsThrownAsTheServiceThrewIt() {
        HttpClientErrorException refused = new HttpClientErrorException(HttpStatus.FORBIDDEN);
        try (ParallelReads.Page reading = reads.page()) {
            Read<String> read = reading.start(() -> {
                throw refused;
            });

            assertThatThrownBy(read::get).isSameAs(refused);
        }
    }

    @Test
    void aReadAlreadyMadeGivesItsAnswer() {
        assertThat(Read.done("caseload").get()).isEqualTo("caseload");
    }

    @Test
    void closingThePageWaitsForItsReadsEvenAfterOneFailed() {
        Thread page = Thread.currentThread();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean slowReadFinished = new AtomicBoolean();
        // lets the slow read finish only once the page waits in close (or gives up after the deadline)
        Thread releaser = new Thread(() -> {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (page.getState() != Thread.State.WAITING && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
            release.countDown();
        });

        ParallelReads.Page reading = reads.page();
        Read<String> failing = reading.start(() -> {
            throw new IllegalStateException("service down");
        });
        reading.start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowReadFinished.set(true);
            return "slow";
        });
        assertThatThrownBy(failing::get).hasMessage("service down");
        releaser.start();
        reading.close();

        assertThat(slowReadFinished).isTrue();
    }
}
