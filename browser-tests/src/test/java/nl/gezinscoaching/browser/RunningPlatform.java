package nl.gezinscoaching.browser;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import nl.gezinscoaching.platform.database.PatientDataSource;
import nl.gezinscoaching.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform as {@code deploy/run-local.sh} runs it, on free ports: one embedded PostgreSQL, both services
 * (in this JVM) trusting the web's local identity provider, and the web application as its executable jar in a
 * process of its own, so it runs with exactly its own classpath.
 */
final class RunningPlatform implements AutoCloseable {

    /** A cold start of three applications on a busy 2-core machine can take minutes. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ADMIN = basic("admin", "admin");

    final String webUrl;
    final String commandUrl;
    final String queryUrl;
    private final EmbeddedPostgres postgres;
    private final ConfigurableApplicationContext commandService;
    private final ConfigurableApplicationContext queryService;
    private final Process web;

    private RunningPlatform() throws IOException {
        int webPort = freePort();
        webUrl = "http://localhost:" + webPort;
        postgres = EmbeddedDatabase.start(null, 0);
        // command-line arguments: they outrank the services' own configuration files
        String[] services = {"--server.port=0", "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + webUrl};
        // a busy pool is waited out for 1 s here (8 s in production), so that the overload test answers quickly
        List<String> commandArguments = new ArrayList<>(List.of(services));
        commandArguments.add("--platform.datasource.busy-patience=1s");
        commandService = CommandServiceApplication.application().run(commandArguments.toArray(String[]::new));
        queryService = new SpringApplicationBuilder(QueryServiceApplication.class).run(services);
        commandUrl = "http://localhost:" + commandService.getEnvironment().getProperty("local.server.port");
        queryUrl = "http://localhost:" + queryService.getEnvironment().getProperty("local.server.port");

        Path jar = Path.of(System.getProperty("web.jar", "target/web.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The web application's jar is missing: " + jar
                    + " (the build copies it there before the integration tests: ./mvnw verify)");
        }
        Path log = jar.resolveSibling("web.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--spring.profiles.active=local", "--server.port=" + webPort,
                "--platform.web.command-service-url=" + commandUrl, "--platform.web.query-service-url=" + queryUrl));
        web = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitHealthy(webUrl + "/actuator/health", log);
    }

    static RunningPlatform start() {
        try {
            return new RunningPlatform();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(String health, Path log) {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!web.isAlive()) {
                throw new IllegalStateException("The web application stopped at start-up; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("The web application was not healthy within " + START_DEADLINE + "; see " + log);
    }

    /**
     * Takes every connection of the command service's pool until closed: the service is overloaded for real (its
     * requests wait out their patience and are answered 503 {@code overloaded}) while the database answers.
     */
    AutoCloseable overloadCommandService() throws SQLException {
        HikariDataSource pool = commandService.getBean(PatientDataSource.class).pool();
        List<Connection> taken = new ArrayList<>();
        for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
            taken.add(pool.getConnection());
        }
        return () -> {
            for (Connection connection : taken) {
                connection.close();
            }
        };
    }

    /** POSTs to the command service's API as the demo administrator; fails unless it is accepted. */
    String command(String path, String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(commandUrl + path))
                .header("Content-Type", "application/json").header("Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** GETs a view of the query service as a demo user. */
    HttpResponse<String> view(String path, String user) {
        return send(HttpRequest.newBuilder(URI.create(queryUrl + path)).header("Authorization", basic(user, user))
                .header("Accept", "application/json").GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits, at most {@code deadline}, until the condition holds (projections catch up asynchronously). */
    static void await(Duration deadline, String what, java.util.function.BooleanSupplier condition) {
        Instant until = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError(what + " did not happen within " + deadline);
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        web.destroy();
        try {
            if (!web.waitFor(30, TimeUnit.SECONDS)) {
                web.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queryService.close();
        commandService.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refers a family through the command API (as the administrator); its trajectory id. */
    String refer(String name, String district, java.time.LocalDate receivedOn) {
        String body = command("/api/referrals", """
                {"family": {"name": "%s", "district": "%s", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2016-04-04"}],
                 "referrer": {"name": "Jeugdarts", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%s"}""".formatted(name, district, receivedOn));
        return body.replaceAll(".*\"trajectoryId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** Assigns a trajectory to a coach through the command API (as the administrator). */
    void assign(String trajectory, String coach, java.time.LocalDate assignedOn) {
        command("/api/trajectories/" + trajectory + "/assignment",
                "{\"coachId\": \"%s\", \"assignedOn\": \"%s\"}".formatted(coach, assignedOn));
    }
}
