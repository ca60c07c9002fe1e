package nl.gezinscoaching.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on (the database describes itself: {@link BenchDatabase#describe}). */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return "Machine: %d cores (%s), %s RAM, %d MiB max heap, Java %s (%s)"
                .formatted(Runtime.getRuntime().availableProcessors(), procLine("/proc/cpuinfo", "model name", "unknown CPU"),
                        procLine("/proc/meminfo", "MemTotal", "unknown"), Runtime.getRuntime().maxMemory() >> 20,
                        System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    /** The value of the first line of a /proc file that starts with the key; the fallback elsewhere. */
    private static String procLine(String file, String key, String fallback) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse(fallback);
        } catch (IOException e) {
            return fallback; // not Linux
        }
    }
}
