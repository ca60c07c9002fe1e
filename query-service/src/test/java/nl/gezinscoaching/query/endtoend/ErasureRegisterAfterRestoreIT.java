package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.DatabaseBackup;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.support.BothServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database restored from a backup taken before an erasure, with an erasure register that could hide that erasure
 * (emptied, cut short, an older copy, missing): neither service starts, and the refusal names the register. With the
 * register as it was, both start and destroy the family's key again.
 */
class ErasureRegisterAfterRestoreIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    private static BothServices services;
    private static Path backup;
    private static Path register;
    private static Path anchor;
    private static String older;
    private static String erased;

    @BeforeAll
    static void backUpEraseAndStop() throws Exception {
        services = BothServices.start();
        register = services.erasureRegister;
        anchor = register.resolveSibling(register.getFileName() + ".anchor");
        String first = declinedFamily();
        erase(first);
        older = Files.readString(register); // the register with one erasure: an older copy
        erased = declinedFamily();
        backup = Files.createTempDirectory("backup").resolve("platform.backup");
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection()) {
            DatabaseBackup.backup(connection, backup);
        }
        erase(erased);
        services.stopServices();
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection()) {
            DatabaseBackup.restore(connection, backup);
        }
        assertThat(keys(erased)).as("the backup brought the family's key back").isEqualTo(1);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void aRegisterThatCouldHideTheErasureStopsBothServicesUntilItIsPutBack() throws Exception {
        String current = Files.readString(register);
        List<String> lines = Files.readAllLines(register);
        assertThat(lines).hasSize(2);

        Files.writeString(register, "");
        assertBothRefuse("fewer than the 2");

        Files.writeString(register, lines.get(0) + "\n");
        assertBothRefuse("fewer than the 2");

        Files.writeString(register, older);
        assertBothRefuse("fewer than the 2");

        Files.delete(register);
        assertBothRefuse("is missing");

        Files.writeString(register, current);
        services.startServices();
        assertThat(keys(erased)).as("the erasure applied again").isZero();
        assertThat(Files.readString(anchor)).startsWith("1\t2\t");
    }

    private static void assertBothRefuse(String why) {
        String[] arguments = services.arguments();
        assertThatThrownBy(() -> CommandServiceApplication.application().run(arguments).close())
                .hasStackTraceContaining("The erasure register " + register).hasStackTraceContaining(why);
        assertThatThrownBy(() -> new SpringApplicationBuilder(QueryServiceApplication.class).run(arguments).close())
                .hasStackTraceContaining("The erasure register " + register).hasStackTraceContaining(why);
    }

    private static String declinedFamily() {
        var referred = services.send("/api/referrals", """
                {"family": {"name": "Familie Kievit", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2016-04-04"}],
                 "referrer": {"name": "Jeugdarts", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%s"}""".formatted(TODAY.minusDays(20)));
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        String id = JsonMapper.builder().build().readTree(referred.body()).get("trajectoryId").asString();
        assertThat(services.send("/api/trajectories/" + id + "/decline",
                "{\"declinedOn\": \"%s\", \"reason\": \"Geen hulpvraag\"}".formatted(TODAY.minusDays(10)))
                .statusCode()).isEqualTo(200);
        return id;
    }

    private static void erase(String trajectory) {
        assertThat(services.send("/api/families/" + trajectory + "/erasure",
                "{\"requester\": \"PARENT\", \"legalGround\": \"AVG art. 17\"}").statusCode()).isEqualTo(200);
    }

    private static long keys(String trajectory) throws Exception {
        try (Connection connection = services.postgres.getPostgresDatabase().getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM family_key WHERE subject_id = '" + trajectory + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
