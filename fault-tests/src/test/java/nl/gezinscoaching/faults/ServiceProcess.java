package nl.gezinscoaching.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service started as in production: {@code java -jar} of its executable jar, in its own process, on a given
 * database, with the local profile's demo users and development secrets. {@link #kill()} is {@code kill -9}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final String jdbcUrl;
    private final Path log;
    private final int port;
    private final List<String> arguments;
    private Process process;

    private ServiceProcess(Path jar, String jdbcUrl, Path log) {
        this(jar, jdbcUrl, log, List.of());
    }

    private ServiceProcess(Path jar, String jdbcUrl, Path log, List<String> arguments) {
        this.jar = jar;
        this.jdbcUrl = jdbcUrl;
        this.log = log;
        this.port = freePort();
        this.arguments = arguments;
    }

    static ServiceProcess commandService(String jdbcUrl, String name) {
        return new ServiceProcess(jar("fault.commandJar", "command-service"), jdbcUrl, Path.of("target", name + ".log"));
    }

    /** The query service on the same database (its own tables and tracking tokens beside the event store). */
    static ServiceProcess queryService(String jdbcUrl, String name) {
        return new ServiceProcess(jar("fault.queryJar", "query-service"), jdbcUrl, Path.of("target", name + ".log"));
    }

    private static Path jar(String property, String module) {
        Path jar = Path.of(System.getProperty(property, "../" + module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No executable jar at " + jar.toAbsolutePath()
                    + ": build the " + module + " first (./mvnw -pl fault-tests -am verify does)");
        }
        return jar;
    }

    /**
     * The query service's executable jar ({@code fault.queryJar}), with its read-audit anchors and erasure register
     * in {@code target/} and any further arguments (issue 13b: faults 4 and 5).
     */
    static ServiceProcess queryService(String jdbcUrl, String name, String... arguments) {
        Path jar = jar("fault.queryJar", "query-service");
        List<String> all = new ArrayList<>(List.of("--platform.audit.anchor-file=target/" + name + "-anchors.log",
                "--platform.erasure-register.file=target/" + name + "-erasures.log"));
        all.addAll(List.of(arguments));
        return new ServiceProcess(jar, jdbcUrl, Path.of("target", name + ".log"), all);
    }

    /** The process id of the running process (a query-service node id starts with it). */
    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the process and waits until it is healthy; returns how long that took. */
    Duration start() {
        long begin = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SPRING_PROFILES_ACTIVE", "local");
        // the local profile's files (read-audit anchors, erasure register: .local/) go beside the log, per process
        Path workingDirectory = log.resolveSibling(log.getFileName().toString().replace(".log", "-work"));
        builder.directory(workingDirectory.toFile());
        try {
            Files.createDirectories(workingDirectory);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a loaded machine (several builds on 2 cores) has taken 150 s to start a jar; -Dfault.start-seconds
        long startSeconds = Long.getLong("fault.start-seconds", 300);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startSeconds);
        while (!healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service stopped during start-up; see " + log.toAbsolutePath());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The service did not become healthy in " + startSeconds + " s; see " + log);
            }
            pause(100);
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** The health endpoint's status code, or -1 when it gives no answer within {@code timeout}. */
    int health(Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: no shutdown hook, no graceful stop, connections dropped mid-transaction. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
