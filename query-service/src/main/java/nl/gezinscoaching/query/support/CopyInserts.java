package nl.gezinscoaching.query.support;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Many rows of one plain insert sent as one {@code COPY ... FROM STDIN}: in a rebuild, where a batch holds thousands
 * of rows per table, PostgreSQL takes them about twice as fast as the same rows as multi-row inserts
 * (docs/benchmarks.md). Only for {@code INSERT INTO t (columns) VALUES (?, ...)}, optionally with
 * {@code ON CONFLICT ... DO NOTHING}, whose values are all plain (text, numbers, booleans, dates, UUIDs), inside a
 * transaction.
 * <p>
 * COPY knows no {@code ON CONFLICT}: it runs under a savepoint, and when any row is refused (a key that exists, a
 * constraint) the savepoint is rolled back and the caller sends the rows as it would have ({@code false}), so the
 * outcome is the insert's own, row for row.
 */
final class CopyInserts {

    private static final Logger log = LoggerFactory.getLogger(CopyInserts.class);
    private static final Pattern PLAIN_INSERT = Pattern.compile(
            "\\s*INSERT\\s+INTO\\s+(\\w+)\\s*\\(([\\w\\s,]+)\\)\\s*VALUES\\s*\\(([?\\s,]+)\\)"
                    + "(\\s+ON\\s+CONFLICT\\s*(\\([\\w\\s,]+\\))?\\s*DO\\s+NOTHING)?\\s*",
            Pattern.CASE_INSENSITIVE);
    /** An insert's COPY statement, or "" when it has none. */
    private static final Map<String, String> COPY_STATEMENTS = new ConcurrentHashMap<>();

    private CopyInserts() {
    }

    /** The COPY statement for an insert, or null when it is not a plain one. */
    static String copyStatement(String insert) {
        String copy = COPY_STATEMENTS.computeIfAbsent(insert, sql -> {
            Matcher matcher = PLAIN_INSERT.matcher(sql);
            if (!matcher.matches()) {
                return "";
            }
            int columns = matcher.group(2).split(",").length;
            int values = matcher.group(3).split(",").length;
            return columns == values
                    ? "COPY " + matcher.group(1) + " (" + matcher.group(2).replaceAll("\\s+", " ").trim()
                      + ") FROM STDIN"
                    : "";
        });
        return copy.isEmpty() ? null : copy;
    }

    /**
     * Sends the rows by COPY; false (nothing written) when the insert or a value is not for COPY, or PostgreSQL
     * refused a row.
     */
    static boolean copy(DataSource dataSource, String insert, List<Object[]> rows) {
        String copy = copyStatement(insert);
        if (copy == null || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        StringBuilder text = new StringBuilder(rows.size() * 64);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                if (!append(text, row[i])) {
                    return false;
                }
            }
            text.append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(text.toString()));
                connection.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException | IOException e) {
                connection.rollback(savepoint);
                // a row the insert would have refused or skipped (ON CONFLICT): the insert decides
                log.debug("COPY refused ({}); sent as inserts", e instanceof SQLException sql ? sql.getSQLState()
                        : e.getClass().getSimpleName());
                return false;
            }
        } catch (SQLException e) {
            throw new org.springframework.jdbc.UncategorizedSQLException("COPY", copy, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A value in COPY's text format; false for a type this does not know. */
    private static boolean append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String string) {
            escape(text, string);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigDecimal || value instanceof Boolean || value instanceof UUID
                || value instanceof java.sql.Date || value instanceof java.time.LocalDate) {
            text.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return false;
            }
            text.append(value);
        } else {
            return false;
        }
        return true;
    }

    private static void escape(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
