package nl.gezinscoaching.web;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import nl.gezinscoaching.platform.deployment.DeploymentGuard;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The web application takes security and problem answers from the platform, and nothing else: no database,
 * no Flyway, no Axon or event store, no family keys. (Its build depends on platform-security only.)
 */
@SpringBootTest
class WebApplicationContextTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theWebHasNoDatabase() {
        assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
        assertThat(ClassUtils.isPresent("org.flywaydb.core.Flyway", null)).as("Flyway on the classpath").isFalse();
        assertThat(ClassUtils.isPresent("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", null))
                .as("embedded PostgreSQL on the classpath").isFalse();
    }

    @Test
    void theWebHasNoEventStoreAndNoFamilyKeys() {
        assertThat(ClassUtils.isPresent("org.axonframework.eventsourcing.eventstore.EventStore", null)).isFalse();
        assertThat(ClassUtils.isPresent("nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration", null)).isFalse();
        assertThat(ClassUtils.isPresent("nl.gezinscoaching.platform.crypto.FamilyKeys", null)).isFalse();
    }

    @Test
    void theWebsStartUpGuardAsksForNoMasterKey() {
        assertThat(new DeploymentGuard().checks()).isEmpty();
    }
}
