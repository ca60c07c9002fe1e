package nl.gezinscoaching.query.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import nl.gezinscoaching.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both services on one embedded PostgreSQL, as in production: commands go to the command service's
 * HTTP API (signed in as the demo administrator), views are read from the query service's.
 */
public final class BothServices implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    public final EmbeddedPostgres postgres;
    /** The erasure register both services share, in the temporary directory (outside the database). */
    public final Path erasureRegister;
    public ConfigurableApplicationContext commandService;
    public ConfigurableApplicationContext queryService;
    public ViewClient views;
    private String commands;

    private BothServices(EmbeddedPostgres postgres, Path erasureRegister) {
        this.postgres = postgres;
        this.erasureRegister = erasureRegister;
        startServices();
    }

    public static BothServices start() {
        try {
            return new BothServices(EmbeddedDatabase.start(null, 0),
                    Files.createTempDirectory("erasure-register").resolve("erasures.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both services on another database of their own, sharing this one's erasure register (as a restore would). */
    public BothServices onAnotherDatabase() {
        return new BothServices(EmbeddedDatabase.start(null, 0), erasureRegister);
    }

    /** Starts both services (again): the command service first, as after a restore. */
    public void startServices() {
        String[] args = arguments();
        commandService = CommandServiceApplication.application().run(args);
        queryService = new SpringApplicationBuilder(QueryServiceApplication.class).run(args);
        commands = "http://localhost:" + commandService.getEnvironment().getProperty("local.server.port");
        views = new ViewClient(Integer.parseInt(queryService.getEnvironment().getProperty("local.server.port")));
    }

    /** The services' settings here: command-line arguments, which outrank their own configuration files. */
    public String[] arguments() {
        return new String[] {"--server.port=0", "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--platform.erasure-register.file=" + erasureRegister};
    }

    /** Stops both services; the database keeps running. */
    public void stopServices() {
        queryService.close();
        commandService.close();
    }

    /** POSTs a command as the administrator. */
    public HttpResponse<String> send(String path, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(commands + path))
                            .header("Content-Type", "application/json").header("Authorization", ADMIN)
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopServices();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
