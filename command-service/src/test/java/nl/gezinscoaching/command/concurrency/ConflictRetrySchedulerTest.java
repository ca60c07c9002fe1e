package nl.gezinscoaching.command.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import nl.gezinscoaching.command.rules.NotFoundException;
import nl.gezinscoaching.command.rules.StateConflictException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ConflictRetrySchedulerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConflictRetryScheduler scheduler = new ConflictRetryScheduler(2, meters);
    private final AtomicInteger dispatched = new AtomicInteger();

    private boolean retry(RuntimeException failure, int failuresSoFar) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < failuresSoFar; i++) {
            failures.add(new Class[] {failure.getClass()});
        }
        return scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("command"), failure, failures,
                dispatched::incrementAndGet);
    }

    @Test
    void aLostAppendRaceIsDecidedAgainAtOnce() {
        assertThat(retry(new ConcurrencyException("sequence 7 exists"), 1)).isTrue();
        assertThat(dispatched).hasValue(1);
        assertThat(meters.get(ConcurrentChange.RETRIES_METER).tag("by", "gateway").tag("kind", "conflict").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void aWrappedRaceCountsToo() {
        assertThat(retry(new CommandExecutionException("failed", new ConcurrencyException("race")), 1)).isTrue();
    }

    @Test
    void aDuplicateCreationIsNeverRetried() {
        assertThat(retry(new AggregateStreamCreationException("coach exists"), 1)).isFalse();
        assertThat(retry(new CommandExecutionException("failed", new AggregateStreamCreationException("exists")), 1))
                .isFalse();
        assertThat(dispatched).hasValue(0);
    }

    @Test
    void aRefusalIsDecidedAgainOnceOnTheCurrentState() {
        assertThat(retry(new StateConflictException("no-coach-assigned", "No coach yet"), 1)).isTrue();
        assertThat(retry(new StateConflictException("no-coach-assigned", "No coach yet"), 2)).isFalse();
        assertThat(retry(new NotFoundException("unknown-goal", "No such goal"), 1)).isTrue();
        assertThat(dispatched).hasValue(2);
        assertThat(meters.get(ConcurrentChange.RETRIES_METER).tag("kind", "refusal").counter().count()).isEqualTo(2);
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThat(retry(new EventStoreException("database down"), 1)).isFalse();
        assertThat(retry(new IllegalStateException("refused"), 1)).isFalse();
        assertThat(dispatched).hasValue(0);
    }

    @Test
    void retriesStopAtTheLimit() {
        assertThat(retry(new ConcurrencyException("race"), 2)).isTrue();
        assertThat(retry(new ConcurrencyException("race"), 3)).isFalse();
    }

    @Test
    void insideAnOuterTransactionTheOwnerOfThatTransactionRetries() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThat(retry(new ConcurrencyException("race"), 1)).isFalse();
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
    }
}
