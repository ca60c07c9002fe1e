package nl.gezinscoaching.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A database left by an earlier release gets the newer shared event-store migrations, although this
 * service's own migrations (V100 and up) were applied after the shared ones it had then.
 */
class DatabaseUpgradeIT {

    @Test
    void aDatabaseFromBeforeKeyWrappingIsMigratedAndItsKeysWrapped() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(null, 0)) {
            start(postgres).close();
            // the database as the release before key wrapping left it: V3 not applied, data keys as they are
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE family_key DROP COLUMN wrapped_by");
                statement.execute("DELETE FROM flyway_history_command WHERE version = '3'");
                statement.execute("INSERT INTO family_key (subject_id, key_bytes) VALUES ('legacy-family', '\\x"
                        + "07".repeat(32) + "')");
            }

            start(postgres).close();

            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT wrapped_by, length(key_bytes) FROM family_key WHERE subject_id = 'legacy-family'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("development");
                assertThat(rows.getInt(2)).isEqualTo(40);
            }
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedPostgres postgres) {
        return CommandServiceApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres");
    }
}
