package nl.gezinscoaching.bench;

import java.util.Arrays;

/**
 * {@code java -jar bench/target/bench.jar [command|replay|lag|all]}: runs the chosen benchmark and prints
 * its figures. Options are system properties, listed by each benchmark.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        System.out.println(Machine.describe());
        switch (which) {
            case "command" -> CommandBenchmark.run();
            case "replay" -> ReplayBenchmark.run();
            case "lag" -> LagBenchmark.run();
            case "all" -> {
                CommandBenchmark.run();
                ReplayBenchmark.run();
                LagBenchmark.run();
            }
            default -> throw new IllegalArgumentException("Unknown benchmark " + which + "; one of command, replay, lag, all"
                    + Arrays.toString(args));
        }
        System.exit(0);
    }
}
