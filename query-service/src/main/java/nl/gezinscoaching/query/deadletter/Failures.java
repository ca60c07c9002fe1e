package nl.gezinscoaching.query.deadletter;

import java.io.InterruptedIOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * What a handler failure says: whether a retry of the same event may cure it, and a description of it
 * that is safe to store and show.
 * <p>
 * A retry cannot cure a failure that comes from the event itself: PostgreSQL's data exceptions (SQLSTATE
 * class 22: a value too long, out of range, not valid text), integrity constraint violations (23) and
 * program limits (54: e.g. an index row too large), and any failure without a database error (a handler
 * bug on this event's data, an event that cannot be read). Every other database error may pass: a lost
 * connection (08), a serialization failure or deadlock (40), resources (53), a cancelled statement or a
 * server shutting down (57), a lock not available (55), a system error (58, XX), and also a table or
 * column that is missing or not granted (42), which a deployment or a grant cures and which would fail
 * for every event alike. Those are left to the processor, which rolls the batch back and retries it
 * with a back-off: a database outage must never move events into the dead-letter queue.
 * <p>
 * The description never holds a value of the event: exception messages can (PostgreSQL's for invalid
 * input quotes the input; a JDBC batch error can quote the statement with its parameters). It names
 * the exception type, the SQLSTATE and the statement (its verb and table, without parameters), or the
 * code location of a failure outside the database.
 */
final class Failures {

    /** SQLSTATE classes that a value of the event causes. */
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    /** The condition names of the SQLSTATEs met in practice (PostgreSQL, Appendix A). */
    private static final Map<String, String> CONDITIONS = Map.ofEntries(
            Map.entry("22001", "string_data_right_truncation"),
            Map.entry("22003", "numeric_value_out_of_range"),
            Map.entry("22007", "invalid_datetime_format"),
            Map.entry("22008", "datetime_field_overflow"),
            Map.entry("22021", "character_not_in_repertoire"),
            Map.entry("22P02", "invalid_text_representation"),
            Map.entry("22P05", "untranslatable_character"),
            Map.entry("23502", "not_null_violation"),
            Map.entry("23503", "foreign_key_violation"),
            Map.entry("23505", "unique_violation"),
            Map.entry("23514", "check_violation"),
            Map.entry("54000", "program_limit_exceeded"));

    /**
     * SQLSTATEs whose server message names only types, columns, tables and constraints, never a value
     * (with {@code logServerErrorDetail=false} the driver leaves out the detail that quotes the row).
     */
    private static final Set<String> VALUE_FREE_MESSAGES = Set.of("22001", "22003", "23502", "23503", "23505",
            "23514", "54000");

    private static final int MAX_MESSAGE = ThrowableCause.TRUNCATED_MESSAGE_SIZE;
    private static final String OWN_CODE = "nl.gezinscoaching.";
    private static final String SERVER_ERROR = "ERROR: ";

    private Failures() {
    }

    /** Whether processing the same event again may succeed: then the failure must not dead-letter it. */
    static boolean retryMayCure(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                return !DATA_CLASSES.contains(sql.getSQLState().substring(0, 2));
            }
        }
        // a database error without a state (a closed connection, a pool timeout), or a transaction problem
        return chain.stream().anyMatch(t -> t instanceof SQLException || t instanceof DataAccessException
                || t instanceof TransactionException);
    }

    /** A cause to store with a dead letter: type, SQLSTATE, statement or code location; never a value. */
    static ThrowableCause describe(Throwable failure) {
        ReadModelWriteFailed write = failure instanceof ReadModelWriteFailed w ? w : null;
        Throwable reported = write != null && write.getCause() != null ? write.getCause() : failure;
        StringBuilder message = new StringBuilder();
        // the server's own error rather than the JDBC batch's wrapper, which quotes the statement with its values
        List<SQLException> withState = chain(failure).stream().filter(SQLException.class::isInstance)
                .map(SQLException.class::cast).filter(e -> e.getSQLState() != null).toList();
        SQLException sql = withState.stream().filter(e -> !(e instanceof BatchUpdateException)).findFirst()
                .orElse(withState.isEmpty() ? null : withState.get(0));
        if (sql != null) {
            String state = sql.getSQLState();
            message.append("SQLSTATE ").append(state);
            String condition = CONDITIONS.get(state);
            if (condition != null) {
                message.append(' ').append(condition);
            }
            String server = serverMessage(sql);
            if (VALUE_FREE_MESSAGES.contains(state) && server != null) {
                message.append(": ").append(server);
            }
        } else {
            List<Throwable> chain = chain(failure);
            Throwable root = chain.get(chain.size() - 1);
            message.append(root.getClass().getSimpleName());
            StackTraceElement frame = ownFrame(root);
            if (frame != null) {
                message.append(" at ").append(simpleName(frame.getClassName())).append('.')
                        .append(frame.getMethodName()).append('(').append(frame.getFileName()).append(':')
                        .append(frame.getLineNumber()).append(')');
            }
        }
        if (write != null) {
            message.append(" in ").append(write.statement());
        }
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message.toString();
        return new ThrowableCause(reported.getClass().getName(), text);
    }

    /** The failure, its causes, and the next exceptions of SQL exceptions (a JDBC batch reports there). */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.add(next);
                     next = next.getNextException()) {
                    chain.add(next);
                }
            }
        }
        return chain;
    }

    private static StackTraceElement ownFrame(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith(OWN_CODE)) {
                return frame;
            }
        }
        return frames.length > 0 ? frames[0] : null;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** PostgreSQL's primary message ("ERROR: ..."), without detail lines; null for any other message. */
    private static String serverMessage(SQLException sql) {
        String text = sql.getMessage();
        if (sql instanceof BatchUpdateException || text == null || !text.startsWith(SERVER_ERROR)) {
            return null;
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).substring(SERVER_ERROR.length());
    }
}
