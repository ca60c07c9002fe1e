package nl.gezinscoaching.study;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes the study's datasets with DuckDB: CSV with a header line (R, pandas, spreadsheets) and Parquet
 * (pandas, DuckDB, Spark), the Parquet file carrying the cut-off and the anonymisation rule as key-value
 * metadata. Columns are those of {@link TrajectoryRow}; the Kaplan-Meier table is
 * {@code day,at_risk,events,censored,survival,lower,upper}.
 */
final class Datasets {

    private Datasets() {
    }

    static void write(Path out, List<TrajectoryRow> rows, KaplanMeier overall, String cutoff, String rule)
            throws SQLException {
        try (Connection connection = Duck.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE trajectories (" + Stream.of(TrajectoryRow.COLUMNS)
                    .map(c -> c[0] + " " + c[1]).collect(Collectors.joining(", ")) + ")");
            try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("main", "trajectories")) {
                for (TrajectoryRow row : rows) {
                    appender.beginRow();
                    for (Object value : row.values()) {
                        append(appender, value);
                    }
                    appender.endRow();
                }
            }
            sql.execute("CREATE TABLE km (day INTEGER, at_risk INTEGER, events INTEGER, censored INTEGER,"
                    + " survival DOUBLE, lower DOUBLE, upper DOUBLE)");
            try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("main", "km")) {
                for (KaplanMeier.Step step : overall.steps()) {
                    appender.beginRow();
                    appender.append(step.day()).append(step.atRisk()).append(step.events()).append(step.censored())
                            .append(round(step.survival())).append(round(step.lower())).append(round(step.upper()));
                    appender.endRow();
                }
            }
            sql.execute("COPY (SELECT * FROM trajectories ORDER BY trajectory) TO " + literal(out.resolve("trajectories.csv"))
                    + " (FORMAT csv, HEADER true)");
            sql.execute("COPY (SELECT * FROM trajectories ORDER BY trajectory) TO "
                    + literal(out.resolve("trajectories.parquet")) + " (FORMAT parquet, KV_METADATA {cutoff: "
                    + literal(cutoff) + ", anonymisation: " + literal(rule) + "})");
            sql.execute("COPY (SELECT * FROM km ORDER BY day) TO " + literal(out.resolve("km.csv")) + " (FORMAT csv, HEADER true)");
        }
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000) / 1_000_000.0;
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof String s) {
            appender.append(s);
        } else if (value instanceof Integer i) {
            appender.append(i.intValue());
        } else if (value instanceof Boolean b) {
            appender.append(b.booleanValue());
        } else if (value instanceof Double d) {
            appender.append(d.doubleValue());
        } else {
            throw new IllegalArgumentException("No column type for " + value.getClass().getSimpleName());
        }
    }

    static String literal(Object value) {
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
