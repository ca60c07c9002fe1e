package nl.gezinscoaching.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line (deploy/study.sh, deploy/export-events.sh):
 * <pre>
 * study  [--until YYYY-MM-DD] [--from-file EXPORT.ndjson] [--service URL] [--k N] [--cbs-year YYYY] --out DIR
 * export [--until YYYY-MM-DD] [--service URL] --out EXPORT.ndjson
 * </pre>
 * Without {@code --from-file} the study replays the event store through the query service's pseudonymised
 * export ({@code --service}, default http://localhost:8082), so it sees exactly what an export would give.
 */
public final class StudyCommand {

    private static final String USAGE = """
            usage: study  [--until YYYY-MM-DD] [--from-file EXPORT.ndjson] [--service URL] [--k N] [--cbs-year YYYY]
                          --out DIR
                   export [--until YYYY-MM-DD] [--service URL] --out EXPORT.ndjson""";

    private StudyCommand() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || !List.of("study", "export").contains(args[0])) {
            throw new IllegalArgumentException(USAGE);
        }
        LocalDate until = null;
        Path fromFile = null;
        Path out = null;
        Integer k = null;
        Integer cbsYear = null;
        String service = "http://localhost:8082";
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--until" -> until = date(value);
                case "--from-file" -> fromFile = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--service" -> service = value;
                case "--k" -> {
                    try {
                        k = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--k must be a whole number, was " + value);
                    }
                    if (k < 1) {
                        throw new IllegalArgumentException("--k must be at least 1, was " + k);
                    }
                }
                case "--cbs-year" -> {
                    if (!value.matches("\\d{4}")) {
                        throw new IllegalArgumentException("--cbs-year must be a year YYYY, was " + value);
                    }
                    cbsYear = Integer.parseInt(value);
                }
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required\n" + USAGE);
        }
        if (args[0].equals("export")) {
            long events = ExportDownload.download(service, until, out, System.err);
            System.out.printf(Locale.ROOT, "%s: %,d events%n", out, events);
            return 0;
        }
        List<Path> temporary = new ArrayList<>();
        try {
            Path input = fromFile;
            if (input == null) {
                input = Files.createTempFile("events", ".ndjson");
                temporary.add(input);
                ExportDownload.download(service, until, input, System.err);
            } else if (!Files.isReadable(input)) {
                throw new IllegalArgumentException("--from-file " + input + " cannot be read");
            }
            Study.Result result = Study.run(input, until, k, cbsYear, out, System.err);
            System.out.printf(Locale.ROOT, "cut-off %s: %,d events, %,d trajectories; wrote %s%n", result.cutoff(),
                    result.events(), result.rows().size(), String.join(", ", List.of(
                            out.resolve("trajectories.csv").toString(), out.resolve("trajectories.parquet").toString(),
                            out.resolve("km.csv").toString(), out.resolve("report.html").toString()))
                            + (cbsYear == null ? "" : ", " + out.resolve("cbs-jeugd-" + cbsYear + ".csv")));
            return 0;
        } finally {
            for (Path file : temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--until must be a date YYYY-MM-DD, was " + value);
        }
    }
}
