package nl.gezinscoaching.query.mine;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.support.ViewClient;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A database from before V186, when the coaches' activity had a processing group of its own that could stand at
 * another position than the facts: the upgrade rebuilds every read model as the service starts, so the activity
 * the old group had not projected yet is there, and the old group's token is gone.
 */
class CoachActivityUpgradeIT {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    @Test
    void theUpgradeRebuildsTheReadModelsSoNoActivityOfTheOldGroupIsMissing() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(null, 0)) {
            JdbcClient jdbc = JdbcClient.create(postgres.getPostgresDatabase());
            String family = "upgrade-" + java.util.UUID.randomUUID();
            try (ConfigurableApplicationContext app = start(postgres)) {
                EventStore events = app.getBean(EventStore.class);
                events.publish(new GenericDomainEventMessage<>("Trajectory", family, 0, new FamilyReferred(family, DAY,
                        new Family(null, "Familie", "Laak", "nl", false, MigrationGeneration.NONE),
                        List.of(new Child("Kind", LocalDate.of(2016, 1, 1))), new Referrer("Arts", "JGZ"),
                        Set.of(ReferralReason.CHILD_SAFETY), false)));
                events.publish(new GenericDomainEventMessage<>("Trajectory", family, 1,
                        new HomeVisitHeld(family, "v1", DAY, 60, false, null, VisitLocation.HOME)));
                await("the visit projected", () -> activities(jdbc, family) == 1);
            }
            // the database as the release before V186 left it, with the old group behind the facts
            jdbc.sql("DELETE FROM flyway_history_query WHERE version = '186'").update();
            jdbc.sql("""
                    INSERT INTO token_entry (processor_name, segment, token, token_type, time_stamp, owner)
                    SELECT 'coach-activity', segment, token, token_type, time_stamp, NULL
                    FROM token_entry WHERE processor_name = 'management-facts'""").update();
            jdbc.sql("DELETE FROM rm_coach_activity WHERE trajectory_id = ?").param(family).update();
            long generations = jdbc.sql("SELECT count(*) FROM read_model_rebuild").query(Long.class).single();

            try (ConfigurableApplicationContext app = start(postgres)) {
                assertThat(jdbc.sql("SELECT requested_by FROM read_model_rebuild ORDER BY generation DESC LIMIT 1")
                        .query(String.class).single()).isEqualTo("migration V186");
                assertThat(jdbc.sql("SELECT count(*) FROM read_model_rebuild").query(Long.class).single())
                        .isEqualTo(generations + 1);
                assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = 'coach-activity'")
                        .query(Long.class).single()).isZero();
                await("the rebuild projected the visit again", () -> activities(jdbc, family) == 1);
                ViewClient admin = new ViewClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
                await("the rebuild finished", () -> {
                    JsonNode status = admin.json("/api/admin/rebuild");
                    return status.get("state").asString().equals("FINISHED")
                            && status.get("generation").asLong() == generations + 1;
                });
                assertThat(jdbc.sql("SELECT count(*) FROM rm_trajectory WHERE trajectory_id = ?").param(family)
                        .query(Long.class).single()).isEqualTo(1);
            }
        }
    }

    private static long activities(JdbcClient jdbc, String family) {
        return jdbc.sql("SELECT count(*) FROM rm_coach_activity WHERE trajectory_id = ?").param(family)
                .query(Long.class).single();
    }

    private static void await(String what, Check condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.holds()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static ConfigurableApplicationContext start(EmbeddedPostgres postgres) {
        return new SpringApplicationBuilder(QueryServiceApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }
}
