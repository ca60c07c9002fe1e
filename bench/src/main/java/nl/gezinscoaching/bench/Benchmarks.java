package nl.gezinscoaching.bench;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar bench/target/bench.jar [command|replay|lag|history|upcast|export|snapshot|pages|all]} (default {@code command}): runs the
 * chosen benchmark, prints its figures and exits. Options are system properties, listed by each benchmark.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        // embedded PostgreSQL logs its start-up at INFO before Spring configures logging: only warnings
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        String which = args.length > 0 ? args[0] : "command";
        int status = 0;
        try {
            System.out.println(Machine.describe());
            switch (which) {
                case "command" -> CommandBenchmark.run();
                case "replay" -> ReplayBenchmark.run();
                case "lag" -> LagBenchmark.run();
                case "history" -> HistoryBenchmark.run();
                case "upcast" -> UpcastBenchmark.run();
                // issue 12: the analysts' export and the study's replay
                case "export" -> ExportBenchmark.run();
                case "snapshot" -> SnapshotBenchmark.run();
                case "pages" -> PagesBenchmark.run();
                // issue 13b: lag and rebuild with one and two query instances
                case "instances" -> InstancesBenchmark.run();
                case "all" -> {
                    CommandBenchmark.run();
                    ReplayBenchmark.run();
                    LagBenchmark.run();
                    HistoryBenchmark.run();
                    UpcastBenchmark.run();
                    ExportBenchmark.run();
                    SnapshotBenchmark.run();
                }
                default -> throw new IllegalArgumentException("Unknown benchmark " + which
                        + ": one of command, replay, lag, history, upcast, export, snapshot, pages, instances, all");
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // every benchmark has closed its services and its database by now; stray pool threads must not keep us
        System.exit(status);
    }
}
