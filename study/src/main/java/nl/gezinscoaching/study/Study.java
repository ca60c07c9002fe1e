package nl.gezinscoaching.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.api.analytics.KAnonymity;

/**
 * The duration study over one export file: replay as of the cut-off, the k-anonymity rule, the datasets
 * and the report in the output directory.
 */
public final class Study {

    /** What a run produced (the benchmark reads the figures; the rest is for tests). */
    public record Result(LocalDate cutoff, long events, List<TrajectoryRow> rows, KaplanMeier overall,
                         KAnonymity.Outcome outcome, double eventsPerSecond, double replaySeconds,
                         double replayCpuSeconds) {

        public int trajectories() {
            return rows.size();
        }
    }

    private Study() {
    }

    /** CPU time of this process, DuckDB's native threads included (a figure the machine's load does not change). */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    public static Result run(Path exportFile, LocalDate until, Integer k, Path out, PrintStream terminal)
            throws IOException, SQLException {
        return run(exportFile, until, k, null, out, terminal);
    }

    /** @param cbsYear also the CBS Beleidsinformatie Jeugd file of this year, when not null */
    static Result run(Path exportFile, LocalDate until, Integer k, Integer cbsYear, Path out, PrintStream terminal)
            throws IOException, SQLException {
        ExportFile file = new ExportFile(exportFile);
        ExportFile.Header header = file.header();
        LocalDate cutoff = until != null ? until : header.asOf();
        if (cutoff == null) {
            throw new IllegalArgumentException("The export does not say which day it stands for: give --until");
        }
        if (header.asOf() != null && cutoff.isAfter(header.asOf())) {
            throw new IllegalArgumentException("--until " + cutoff + " is after the export's own cut-off "
                    + header.asOf() + ": export again, or study an earlier day");
        }
        int rule = k != null ? k : Math.max(KAnonymity.DEFAULT_K, header.k());
        Progress progress = new Progress(terminal, "replay", 0);
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        Replay replay = file.replay(cutoff, progress);
        progress.finish();
        double replaySeconds = (System.nanoTime() - started) / 1e9;
        double replayCpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
        KAnonymity.Outcome[] outcome = new KAnonymity.Outcome[1];
        List<TrajectoryRow> rows = replay.rows(new KAnonymity(rule, Replay.LADDER), outcome);
        Map<String, List<Replay.Wait>> waits = new HashMap<>();
        replay.states().forEach(s -> waits.put(s.trajectory, replay.waits(s)));
        KaplanMeier overall = KaplanMeier.of(Report.observations(rows));
        Files.createDirectories(out);
        Datasets.write(out, rows, overall, cutoff.toString(), outcome[0].describe());
        if (cbsYear != null) {
            CbsYear.write(out, cbsYear, replay, rule);
        }
        Report.write(out.resolve("report.html"), rows, waits, cutoff.toString(), outcome[0], header, replay.events());
        return new Result(cutoff, replay.events(), rows, overall, outcome[0], replay.events() / replaySeconds,
                replaySeconds, replayCpuSeconds);
    }
}
