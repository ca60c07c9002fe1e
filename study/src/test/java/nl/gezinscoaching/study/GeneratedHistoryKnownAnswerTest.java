package nl.gezinscoaching.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated history whose durations and censoring are known in advance: ten families assigned on
 * 10 January 2025, six closed after 100, 150, ..., 350 days, one closed after 400 days (after the cut-off of
 * 1 January 2026, so still open then), three still open. Expected: exactly these rows, median 300 days.
 */
class GeneratedHistoryKnownAnswerTest {

    private static final LocalDate CUTOFF = LocalDate.of(2026, 1, 1);
    private static final LocalDate ASSIGNED = LocalDate.of(2025, 1, 10);

    @TempDir
    Path dir;

    private Path history(LocalDate until) throws Exception {
        GeneratedHistory history = new GeneratedHistory(until, "k-anonymity k=5 (test)").coach("c1", "Noord");
        for (int i = 0; i < 10; i++) {
            String t = "t" + i;
            history.referral(t, ASSIGNED.minusDays(5 + i), "Escamp", "nl");
            history.event("CoachAssigned", ASSIGNED, t, "c1", "{\"coachId\":\"c1\",\"assignedOn\":\"" + ASSIGNED + "\"}");
            history.event("HomeVisitHeld", ASSIGNED.plusDays(7), t, null,
                    "{\"visitId\":\"v" + i + "\",\"durationMinutes\":90,\"interpreterUsed\":false}");
            history.event("PhoneContactLogged", ASSIGNED.plusDays(8), t, null, "{\"durationMinutes\":30}");
            if (i < 7) {
                history.event("TrajectoryClosed", ASSIGNED.plusDays(100 + 50L * i), t, null,
                        "{\"reason\":\"FAMILY_IN_CONTROL\",\"clientSatisfaction\":8}");
            }
        }
        // t0 waited 30 days at debt counselling; t1's wait for mental health care ended unfinished with its closure
        history.event("FamilyReferredToAgency", ASSIGNED.plusDays(10), "t0", null,
                "{\"agencyReferralId\":\"a0\",\"agency\":\"Schuldhulp\"}");
        history.event("WarmHandoverDone", ASSIGNED.plusDays(40), "t0", null, "{\"agencyReferralId\":\"a0\"}");
        history.event("FamilyReferredToAgency", ASSIGNED.plusDays(10), "t1", null,
                "{\"agencyReferralId\":\"a1\",\"agency\":\"GGZ\"}");
        history.event("ExtensionGranted", ASSIGNED.plusDays(120), "t9", null, "{\"months\":3}");
        return history.writeTo(dir.resolve("events.ndjson"));
    }

    private static List<String> query(Path file, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection duck = Duck.connect(); Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery(sql.replace("FILE", "'" + file + "'"))) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    values.add(String.valueOf(result.getObject(c)));
                }
                rows.add(String.join(",", values));
            }
        }
        return rows;
    }

    @Test
    void theDatasetAndTheMediansAreExactlyTheKnownOnes() throws Exception {
        Path out = dir.resolve("out");
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        Study.Result result = Study.run(history(CUTOFF), null, null, out,
                new PrintStream(terminal, true, StandardCharsets.UTF_8));

        assertThat(result.cutoff()).isEqualTo(CUTOFF);
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("replay:", "events/s");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("trajectories.csv", "trajectories.parquet", "km.csv", "report.html");
        }
        int open = (int) (CUTOFF.toEpochDay() - ASSIGNED.toEpochDay()); // 356
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean closed = i < 7 && 100 + 50 * i <= open;
            expected.add("t" + i + "," + (closed ? 100 + 50 * i : open) + "," + closed);
        }
        assertThat(query(out.resolve("trajectories.csv"),
                "SELECT trajectory, days_to_closure, closed FROM read_csv(FILE) ORDER BY trajectory"))
                .containsExactlyElementsOf(expected);
        assertThat(query(out.resolve("trajectories.parquet"),
                "SELECT trajectory, days_to_closure, closed FROM read_parquet(FILE) ORDER BY trajectory"))
                .containsExactlyElementsOf(expected);
        assertThat(query(out.resolve("trajectories.csv"), """
                SELECT trajectory, referral_period, district, language, cluster, days_referral_to_assignment,
                       days_assignment_to_first_visit, agency_referrals, agency_waits_open, agency_wait_days,
                       home_visits, contacts, contact_hours, extension_months
                FROM read_csv(FILE) WHERE trajectory IN ('t0', 't1', 't9') ORDER BY trajectory"""))
                .containsExactly("t0,2025-01,Escamp,nl,Noord,5,7,1,0,30,1,2,2.0,0",
                        "t1,2025-01,Escamp,nl,Noord,6,7,1,1,140,1,2,2.0,0",
                        "t9,2024-12,Escamp,nl,Noord,14,7,0,0,null,1,2,2.0,3");

        assertThat(result.overall().median()).hasValue(300);
        assertThat(query(out.resolve("km.csv"), "SELECT day, at_risk, events, censored, survival FROM read_csv(FILE)"))
                .containsExactly("100,10,1,0,0.9", "150,9,1,0,0.8", "200,8,1,0,0.7", "250,7,1,0,0.6",
                        "300,6,1,0,0.5", "350,5,1,0,0.4", "356,4,0,4,0.4");
        assertThat(query(out.resolve("km.csv"), "SELECT * FROM read_csv(FILE) LIMIT 0")).isEmpty();
        assertThat(Files.readString(out.resolve("km.csv")).lines().findFirst().orElseThrow())
                .isEqualTo("day,at_risk,events,censored,survival,lower,upper");
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("Cut-off date: 2026-01-01", "Median time to closure: 300 days", "<svg",
                "Kaplan–Meier", "Greenwood", "log-rank", "k-anonymity k=5");
    }

    @Test
    void theCbsYearDatasetHasOneRowPerTrajectoryWithHelpThatYearUnderTheRule() throws Exception {
        Path out = dir.resolve("cbs");
        Study.run(history(CUTOFF), null, null, 2025, out,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(Files.readString(out.resolve("cbs-jeugd-2025.csv")).lines().findFirst().orElseThrow())
                .isEqualTo("trajectory,begin_month,end_month,verwijzer,soort_hulp,reden_beeindiging,anonymisation");
        // the six closures end in six different months: coarsened to the year they share; the four families
        // still open are too few to show (fewer than k = 5 share "begun 2025, not ended") and are withheld
        assertThat(query(out.resolve("cbs-jeugd-2025.csv"), """
                SELECT trajectory, begin_month, end_month, verwijzer, soort_hulp, reden_beeindiging
                FROM read_csv(FILE, all_varchar = true) ORDER BY trajectory"""))
                .containsExactly("t0,2025,2025,huisarts,jeugdhulp zonder verblijf: ambulant (gezinscoaching),volgens plan",
                        "t1,2025,2025,huisarts,jeugdhulp zonder verblijf: ambulant (gezinscoaching),volgens plan",
                        "t2,2025,2025,huisarts,jeugdhulp zonder verblijf: ambulant (gezinscoaching),volgens plan",
                        "t3,2025,2025,huisarts,jeugdhulp zonder verblijf: ambulant (gezinscoaching),volgens plan",
                        "t4,2025,2025,huisarts,jeugdhulp zonder verblijf: ambulant (gezinscoaching),volgens plan",
                        "t5,2025,2025,huisarts,jeugdhulp zonder verblijf: ambulant (gezinscoaching),volgens plan");
        assertThat(Files.readString(out.resolve("cbs-jeugd-2025.csv"))).contains("6 rows generalised", "4 withheld");
        try (var files = Files.list(out)) {
            assertThat(files.count()).as("the four files of the fixed interface and the CBS file").isEqualTo(5);
        }
    }

    @Test
    void anEarlierCutOffCensorsMore() throws Exception {
        Study.Result result = Study.run(history(CUTOFF), LocalDate.of(2025, 6, 1), null, dir.resolve("june"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        // by 1 June 2025 (day 142) only t0 (day 100) had closed; everyone else is censored at 142
        assertThat(result.rows()).extracting(TrajectoryRow::daysToClosure)
                .containsExactly(100, 142, 142, 142, 142, 142, 142, 142, 142, 142);
        assertThat(result.rows()).extracting(TrajectoryRow::closed).containsOnlyOnce(true);
        assertThat(result.overall().median()).isEmpty();
        // t1's agency wait is still open on 1 June: censored at the cut-off, 142 - 10 days
        assertThat(result.rows().get(1).agencyWaitDays()).isEqualTo(132);
    }

    @Test
    void aRareLanguageIsGeneralisedInTheStudyFiles() throws Exception {
        GeneratedHistory history = new GeneratedHistory(CUTOFF, "test").coach("c1", "Noord");
        String[] languages = {"nl", "nl", "nl", "nl", "nl", "nl", "ti", "so", "am", "ur", "ps"};
        for (int i = 0; i < languages.length; i++) {
            history.referral("t" + i, ASSIGNED.minusDays(3), "Escamp", languages[i]);
            history.event("CoachAssigned", ASSIGNED, "t" + i, "c1", "{\"coachId\":\"c1\"}");
        }
        Path out = dir.resolve("rare");
        Study.run(history.writeTo(dir.resolve("rare.ndjson")), null, null, out,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(query(out.resolve("trajectories.csv"),
                "SELECT referral_period, language, count(*) FROM read_csv(FILE) GROUP BY ALL ORDER BY ALL"))
                .containsExactly("2025-01,nl,6", "2025-Q1,other,5");
        assertThat(Files.readString(out.resolve("trajectories.csv"))).doesNotContain("\"ti\"", ",ti,");
        assertThat(query(out.resolve("trajectories.parquet"),
                "SELECT decode(value) FROM parquet_kv_metadata(FILE) WHERE decode(key) = 'anonymisation'").get(0))
                .contains("k-anonymity k=5", "5 rows generalised");
    }
}
