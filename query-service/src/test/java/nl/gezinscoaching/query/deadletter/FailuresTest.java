package nl.gezinscoaching.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.SerializationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class FailuresTest {

    private static SQLException state(String sqlState, String message) {
        return new SQLException(message, sqlState);
    }

    private static RuntimeException write(SQLException cause) {
        return new ReadModelWriteFailed("""
                INSERT INTO rm_agency_referral (agency_referral_id, trajectory_id, agency, referred_on)
                VALUES (?, ?, ?, ?) ON CONFLICT (agency_referral_id) DO NOTHING""",
                new DataIntegrityViolationException("PreparedStatementCallback; SQL [...]", cause));
    }

    @Nested
    class ARetryCannotCure {

        @Test
        void aValueTooLongForItsColumn() {
            assertThat(Failures.retryMayCure(write(state("22001", "ERROR: value too long")))).isFalse();
        }

        @Test
        void aMissingRequiredValue() {
            assertThat(Failures.retryMayCure(write(state("23502", "ERROR: null value")))).isFalse();
        }

        @Test
        void anIndexRowTooLarge() {
            assertThat(Failures.retryMayCure(write(state("54000", "ERROR: index row size")))).isFalse();
        }

        @Test
        void aDataErrorReportedInAJdbcBatch() {
            BatchUpdateException batch = new BatchUpdateException("Batch entry 0 <unknown> was aborted", null, 0,
                    new int[0]);
            batch.setNextException(state("22001", "ERROR: value too long"));
            assertThat(Failures.retryMayCure(batch)).isFalse();
        }

        @Test
        void aHandlerBugOnTheEventsData() {
            assertThat(Failures.retryMayCure(new NullPointerException())).isFalse();
        }

        @Test
        void anEventThatCannotBeRead() {
            assertThat(Failures.retryMayCure(new SerializationException("cannot read"))).isFalse();
        }
    }

    @Nested
    class ARetryMayCure {

        @Test
        void aLostConnection() {
            assertThat(Failures.retryMayCure(write(state("08006", "An I/O error occurred")))).isTrue();
        }

        @Test
        void aConnectionPoolTimeout() {
            assertThat(Failures.retryMayCure(new CannotGetJdbcConnectionException("no connection",
                    new SQLTransientConnectionException("timeout")))).isTrue();
        }

        @Test
        void aDeadlockOrSerializationFailure() {
            assertThat(Failures.retryMayCure(write(state("40P01", "deadlock detected")))).isTrue();
            assertThat(Failures.retryMayCure(write(state("40001", "could not serialize")))).isTrue();
        }

        @Test
        void aCancelledOrTimedOutStatement() {
            assertThat(Failures.retryMayCure(new QueryTimeoutException("cancelled", state("57014", "canceling")))).isTrue();
        }

        @Test
        void aServerShuttingDown() {
            assertThat(Failures.retryMayCure(write(state("57P01", "terminating connection")))).isTrue();
        }

        @Test
        void aDiskFull() {
            assertThat(Failures.retryMayCure(write(state("53100", "could not extend file")))).isTrue();
        }

        @Test
        void aMissingGrantOrTable() {
            assertThat(Failures.retryMayCure(write(state("42501", "permission denied")))).isTrue();
            assertThat(Failures.retryMayCure(write(state("42P01", "relation does not exist")))).isTrue();
        }

        @Test
        void aDatabaseErrorWithoutState() {
            assertThat(Failures.retryMayCure(new UncategorizedSQLException("x", "sql", new SQLException("closed"))))
                    .isTrue();
        }

        @Test
        void anInterruption() {
            assertThat(Failures.retryMayCure(new RuntimeException(new InterruptedException()))).isTrue();
        }
    }

    @Nested
    class TheStoredCause {

        @Test
        void namesTheExceptionTheStateAndTheStatementWithoutParameters() {
            ThrowableCause cause = Failures.describe(write(state("22001",
                    "ERROR: value too long for type character varying(255)")));
            assertThat(cause.type()).isEqualTo(DataIntegrityViolationException.class.getName());
            assertThat(cause.message()).isEqualTo("SQLSTATE 22001 string_data_right_truncation: value too long for"
                    + " type character varying(255) in INSERT INTO rm_agency_referral");
        }

        @Test
        void neverQuotesAServerMessageThatMayHoldTheValue() {
            ThrowableCause cause = Failures.describe(write(state("22P02",
                    "ERROR: invalid input syntax for type integer: \"Jansen\"")));
            assertThat(cause.message()).isEqualTo("SQLSTATE 22P02 invalid_text_representation"
                    + " in INSERT INTO rm_agency_referral").doesNotContain("Jansen");
        }

        @Test
        void neverQuotesAJdbcBatchMessage() {
            BatchUpdateException batch = new BatchUpdateException(
                    "Batch entry 0 INSERT INTO rm_coach VALUES ('Jansen') was aborted", "22001", 0, new int[0]);
            assertThat(Failures.describe(batch).message()).isEqualTo("SQLSTATE 22001 string_data_right_truncation")
                    .doesNotContain("Jansen");
        }

        @Test
        void namesTheCodeLocationOfAFailureOutsideTheDatabaseNotItsMessage() {
            IllegalArgumentException failure = new IllegalArgumentException("No enum constant for Jansen");
            failure.setStackTrace(new StackTraceElement[] {
                    new StackTraceElement("java.lang.Enum", "valueOf", "Enum.java", 273),
                    new StackTraceElement("nl.gezinscoaching.query.facts.ManagementFactsProjection", "on",
                            "ManagementFactsProjection.java", 62)});
            ThrowableCause cause = Failures.describe(failure);
            assertThat(cause.type()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(cause.message())
                    .isEqualTo("IllegalArgumentException at ManagementFactsProjection.on(ManagementFactsProjection.java:62)");
        }
    }
}
