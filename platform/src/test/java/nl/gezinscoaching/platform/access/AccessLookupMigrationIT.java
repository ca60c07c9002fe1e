package nl.gezinscoaching.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import javax.sql.DataSource;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Event-store migration V4 on the databases it meets: a new one, and one where an older command service
 * keeps its access facts in coach_directory and trajectory_access (and may still be running, because the
 * query service was upgraded first).
 */
class AccessLookupMigrationIT {

    private EmbeddedPostgres postgres;
    private DataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void start() {
        postgres = EmbeddedDatabase.start(null, 0);
        dataSource = postgres.getPostgresDatabase();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void stop() throws Exception {
        postgres.close();
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").target(target).load().migrate();
    }

    private Guidance guidance(String trajectoryId) {
        return new GuidanceLookup(dataSource).guidance(trajectoryId).orElseThrow();
    }

    @Test
    void aNewDatabaseGetsEmptyTablesAndNoCopyFunction() {
        migrate("latest");

        assertThat(jdbc.sql("SELECT count(*) FROM access_trajectory").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM access_coach").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT to_regproc('access_copy_from_command_lookups') IS NULL").query(Boolean.class)
                .single()).isTrue();
    }

    @Test
    void theOlderCommandServicesFactsAreCopiedAndSoIsEveryWriteItStillMakes() {
        migrate("3");
        // as the command service's V100 and V101 left them
        jdbc.sql("CREATE TABLE coach_directory (coach_id VARCHAR(255) PRIMARY KEY, cluster VARCHAR(255))").update();
        jdbc.sql("CREATE TABLE trajectory_access (trajectory_id VARCHAR(255) PRIMARY KEY, coach_id VARCHAR(255))").update();
        jdbc.sql("INSERT INTO coach_directory VALUES ('anna', 'Noord'), ('bram', 'Zuid')").update();
        jdbc.sql("INSERT INTO trajectory_access VALUES ('t-anna', 'anna'), ('t-waiting', NULL), ('t-closed', NULL)").update();
        jdbc.sql("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload)
                VALUES ('e-1', 't-closed', 1, 'Trajectory', '2026-11-01T10:00:00Z',
                        'nl.gezinscoaching.events.trajectory.TrajectoryClosed', '1', convert_to('{}', 'UTF8'))""").update();

        migrate("4");

        assertThat(guidance("t-anna")).isEqualTo(new Guidance("anna", "Noord", true));
        assertThat(guidance("t-waiting")).isEqualTo(new Guidance(null, null, true));
        assertThat(guidance("t-closed")).isEqualTo(new Guidance(null, null, false));

        // the older command service goes on: a new coach, a referral, an assignment
        jdbc.sql("INSERT INTO coach_directory VALUES ('cor', 'West')").update();
        jdbc.sql("INSERT INTO trajectory_access VALUES ('t-new', NULL)").update();
        jdbc.sql("UPDATE trajectory_access SET coach_id = 'bram' WHERE trajectory_id = 't-waiting'").update();

        assertThat(guidance("t-new")).isEqualTo(new Guidance(null, null, true));
        assertThat(guidance("t-waiting")).isEqualTo(new Guidance("bram", "Zuid", true));
        assertThat(new GuidanceLookup(dataSource).coach("cor")).contains(new RegisteredCoach("cor", "West"));
    }

    @Test
    void coachesFromBeforeClustersWereKeptAreCopiedWithAnUnknownCluster() {
        migrate("3");
        // as the command service's V100 left it, before V101 added the cluster
        jdbc.sql("CREATE TABLE coach_directory (coach_id VARCHAR(255) PRIMARY KEY)").update();
        jdbc.sql("INSERT INTO coach_directory VALUES ('anna')").update();

        migrate("4");
        jdbc.sql("INSERT INTO coach_directory VALUES ('bram')").update();

        assertThat(jdbc.sql("SELECT coach_id || ':' || coalesce(cluster, '?') FROM access_coach ORDER BY coach_id")
                .query(String.class).list()).isEqualTo(List.of("anna:?", "bram:?"));
    }
}
