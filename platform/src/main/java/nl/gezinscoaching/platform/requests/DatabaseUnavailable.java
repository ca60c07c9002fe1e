package nl.gezinscoaching.platform.requests;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database cannot be reached (stopped, restarting, unreachable, the pool out of
 * connections within its timeout): answered 503 with {@code Retry-After}, not 500, because trying again later
 * will work and nothing was recorded.
 */
final class DatabaseUnavailable {

    /** SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or starting. */
    private static final String CONNECTION_EXCEPTION = "08";

    private DatabaseUnavailable() {
    }

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION) || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
