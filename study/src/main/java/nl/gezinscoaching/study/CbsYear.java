package nl.gezinscoaching.study;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.api.analytics.KAnonymity;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The yearly dataset in the shape of CBS Beleidsinformatie Jeugd: one row per trajectory with help in that
 * year (begun on or before 31 December, not ended before 1 January): begin and end, referrer, kind of help,
 * reason for ending, under the trajectory's pseudonym. Begin and end are months (YYYY-MM), and begin, end
 * and referrer are the quasi-identifiers of the k-anonymity rule here (coarsened to quarter, then year,
 * then the referrer to "other"). The codes follow CBS's categories as far as the platform knows them;
 * docs/analytics.md gives the mapping. Written as {@code DIR/cbs-jeugd-YEAR.csv}.
 */
final class CbsYear {

    /** CBS "verwijzer", from the referrer type the export gives. */
    static final Map<String, String> REFERRER = Map.of(
            "GP", "huisarts",
            "YOUTH_HEALTH_CARE", "jeugdarts",
            "DISTRICT_TEAM", "gemeentelijke toegang",
            "VEILIG_THUIS", "gemeentelijke toegang",
            "SCHOOL", "anders",
            "OTHER", "anders");

    /** CBS "reden beëindiging", from the closure reason. */
    static final Map<String, String> END_REASON = Map.of(
            "FAMILY_IN_CONTROL", "volgens plan",
            "HANDED_OVER_TO_REGULAR_CARE", "volgens plan, overgedragen",
            "DROPPED_OUT", "voortijdig, eenzijdig door client",
            "MOVED_AWAY", "voortijdig, verhuizing",
            "TRANSFERRED_TO_CHILD_PROTECTION", "voortijdig, overgedragen aan jeugdbescherming");

    static final String KIND_OF_HELP = "jeugdhulp zonder verblijf: ambulant (gezinscoaching)";

    private static final List<KAnonymity.Step> LADDER = List.of(
            new KAnonymity.Step(0, "begin to quarter", KAnonymity::quarterOf),
            new KAnonymity.Step(1, "end to quarter", KAnonymity::quarterOf),
            new KAnonymity.Step(0, "begin to year", KAnonymity::yearOf),
            new KAnonymity.Step(1, "end to year", KAnonymity::yearOf),
            new KAnonymity.Step(2, "referrer to other", v -> v == null ? null : KAnonymity.OTHER));

    private CbsYear() {
    }

    /** Writes the year's file; returns the number of rows written. */
    static int write(Path out, int year, Replay replay, int k) throws SQLException {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        record Row(String trajectory, List<String> quasiIdentifiers, String endReason) {
        }
        List<Row> rows = new ArrayList<>();
        for (Replay.State s : replay.states()) {
            LocalDate begin = s.assignedOn; // help begins with the coach, not with the referral
            if (begin == null || begin.isAfter(last) || s.closedOn != null && s.closedOn.isBefore(first)) {
                continue;
            }
            String end = s.closedOn == null ? null : s.closedOn.toString().substring(0, 7);
            rows.add(new Row(s.trajectory, Arrays.asList(begin.toString().substring(0, 7), end,
                    REFERRER.getOrDefault(s.referrerType, "onbekend")),
                    s.closureReason == null ? null : END_REASON.getOrDefault(s.closureReason, "anders")));
        }
        KAnonymity.Outcome outcome = new KAnonymity(k, LADDER).applyToRows(rows.stream().map(Row::quasiIdentifiers).toList());
        String rule = "k-anonymity k=" + k + " over begin, end and referrer (rare combinations: begin, then end"
                + " to quarter, then to year, then referrer to other; then suppressed, or withheld when fewer than k): "
                + outcome.generalised() + " rows generalised, " + outcome.suppressed() + " suppressed, "
                + outcome.withheld() + " withheld";
        int written = 0;
        try (Connection connection = Duck.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE cbs (trajectory VARCHAR, begin_month VARCHAR, end_month VARCHAR,"
                    + " verwijzer VARCHAR, soort_hulp VARCHAR, reden_beeindiging VARCHAR, anonymisation VARCHAR)");
            try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("main", "cbs")) {
                for (Row row : rows) {
                    List<String> released = outcome.of(row.quasiIdentifiers()).orElse(null);
                    if (released == null) {
                        continue;
                    }
                    appender.beginRow();
                    appender.append(row.trajectory());
                    appendText(appender, released.get(0));
                    appendText(appender, released.get(1));
                    appendText(appender, released.get(2));
                    appender.append(KIND_OF_HELP);
                    appendText(appender, row.endReason());
                    appender.append(rule);
                    appender.endRow();
                    written++;
                }
            }
            sql.execute("COPY (SELECT * FROM cbs ORDER BY trajectory) TO "
                    + Datasets.literal(out.resolve("cbs-jeugd-" + year + ".csv")) + " (FORMAT csv, HEADER true)");
        }
        return written;
    }

    private static void appendText(DuckDBAppender appender, String value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else {
            appender.append(value);
        }
    }
}
