package nl.gezinscoaching.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

class DeadLetterPolicyTest {

    private final DeadLetterPolicy policy = new DeadLetterPolicy();
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("payload");
    private final RuntimeException dataError = new DataIntegrityViolationException("x",
            new SQLException("ERROR: value too long for type character varying(255)", "22001"));
    private final RuntimeException cancelled = new QueryTimeoutException("x", new SQLException("canceling", "57014"));

    @Test
    void anEventThatARetryCannotCureIsDeadLetteredWithAValueFreeCause() {
        EnqueueDecision<EventMessage<?>> decision = policy.decide(new GenericDeadLetter<>("t-1", event), dataError);
        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).get().isInstanceOfSatisfying(ThrowableCause.class, cause -> {
            assertThat(cause.type()).isEqualTo(DataIntegrityViolationException.class.getName());
            assertThat(cause.message()).startsWith("SQLSTATE 22001");
        });
    }

    @Test
    void anEventWhoseFailureARetryMayCureIsNotDeadLettered() {
        assertThat(policy.decide(new GenericDeadLetter<>("t-1", event), cancelled).shouldEnqueue()).isFalse();
    }

    @Test
    void aDeadLetterThatFailsAgainIsKeptWithOneMoreRetryWhateverTheCause() {
        DeadLetter<EventMessage<?>> stored = new JdbcDeadLetter<>("letter-1", 1, "t-1", Instant.EPOCH, Instant.EPOCH,
                new ThrowableCause("x", "y"), MetaData.with(DeadLetterPolicy.RETRIES, 2), event);
        for (RuntimeException failure : new RuntimeException[] {dataError, cancelled}) {
            EnqueueDecision<EventMessage<?>> decision = policy.decide(stored, failure);
            assertThat(decision.shouldEnqueue()).isTrue();
            assertThat(decision.withDiagnostics(stored).diagnostics().get(DeadLetterPolicy.RETRIES)).isEqualTo(3L);
        }
    }
}
