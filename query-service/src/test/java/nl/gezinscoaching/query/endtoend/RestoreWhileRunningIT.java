package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import nl.gezinscoaching.platform.database.DatabaseBackup;
import nl.gezinscoaching.query.support.BothServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restore while instances of the services run: refused while any of them holds a connection to the database; and
 * forced anyway, every running instance notices it and answers 503 {@code restart-required} (health DOWN) until it
 * is restarted, after which it serves again.
 */
class RestoreWhileRunningIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static BothServices services;
    private static Path backup;

    @BeforeAll
    static void start() throws Exception {
        services = BothServices.start();
        backup = Files.createTempDirectory("backup").resolve("platform.backup");
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection()) {
            DatabaseBackup.backup(connection, backup);
        }
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void aRestoreIsRefusedWhileAServiceIsConnectedAndStopsTheInstancesThatStillRun() throws Exception {
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection()) {
            assertThatThrownBy(() -> DatabaseBackup.restore(connection, backup))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("connection(s) of the platform's services are open");
            DatabaseBackup.restore(connection, backup, true); // forced: RESTORE_SKIP_SERVICE_CHECK=1
        }

        awaitStatus(services.commandService, "/api/coaches", 503);
        awaitStatus(services.queryService, "/api/caseload", 503);
        HttpResponse<String> refused = get(services.queryService, "/api/caseload");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("restart-required");
        assertThat(get(services.commandService, "/actuator/health").statusCode()).isEqualTo(503);
        assertThat(get(services.queryService, "/actuator/health").statusCode()).isEqualTo(503);

        services.stopServices();
        services.startServices();
        assertThat(get(services.queryService, "/api/caseload").statusCode()).isEqualTo(200);
        assertThat(get(services.commandService, "/actuator/health").statusCode()).isEqualTo(200);
    }

    private static void awaitStatus(ConfigurableApplicationContext service, String path, int status) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = get(service, path).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " answered " + last + ", not " + status + ", within " + DEADLINE);
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext service, String path) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
