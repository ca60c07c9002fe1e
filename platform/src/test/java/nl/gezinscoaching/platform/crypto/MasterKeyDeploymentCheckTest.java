package nl.gezinscoaching.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import nl.gezinscoaching.platform.deployment.DeploymentGuard;
import nl.gezinscoaching.platform.deployment.UnsafeDeploymentException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Every application with the services' platform module refuses to start outside local without its own master key. */
class MasterKeyDeploymentCheckTest {

    private static final String DEVELOPMENT_MASTER_KEY = "sFowr47S/uE6rz4APk+RRCGdITh/l+687yZRtGNf758=";
    private static final String OWN_KEY = "3m1cQfXqgqbq1o3a7mC0m2m6n9m8r3b5c7d9e1f3g5E=";

    /** The guard as the services have it: with this module's checks from spring.factories. */
    private final DeploymentGuard guard = new DeploymentGuard();

    private static MockEnvironment production() {
        return new MockEnvironment()
                .withProperty("platform.crypto.master-key-id", "k2026")
                .withProperty("platform.crypto.master-keys.k2026", OWN_KEY);
    }

    private void start(MockEnvironment environment) {
        guard.postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void theServicesGuardChecksTheMasterKey() {
        assertThat(guard.checks()).hasAtLeastOneElementOfType(MasterKeyDeploymentCheck.class);
    }

    @Test
    void aConfiguredMasterKeyStarts() {
        assertThatCode(() -> start(production())).doesNotThrowAnyException();
    }

    @Test
    void noMasterKeyIsRefused() {
        assertThatThrownBy(() -> start(new MockEnvironment()))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .containsExactly("platform.crypto.master-key-id is not set (the master key that wraps the families' data keys)"));
    }

    @Test
    void aMisspelledProfileWithTheDevelopmentMasterKeyIsRefused() {
        MockEnvironment misspelled = production()
                .withProperty("platform.crypto.master-key-id", "development")
                .withProperty("platform.crypto.master-keys.development", DEVELOPMENT_MASTER_KEY);
        misspelled.setActiveProfiles("prodution");

        assertThatThrownBy(() -> start(misspelled))
                .isInstanceOf(UnsafeDeploymentException.class)
                .hasMessageContaining("platform.crypto.master-keys.development is the repository's development master key");
    }

    @Test
    void aMasterKeyIdWithoutItsKeyIsRefused() {
        MockEnvironment withoutKey = production().withProperty("platform.crypto.master-key-id", "k2027");

        assertThatThrownBy(() -> start(withoutKey)).hasMessageContaining("platform.crypto.master-keys.k2027 is not set");
    }

    @Test
    void anyValueOfTheDevelopmentFileCountsAsDevelopmentMasterKey() {
        assertThat(new MasterKeyDeploymentCheck().problems(production(), Set.of(OWN_KEY)))
                .containsExactly("platform.crypto.master-keys.k2026 is the repository's development master key");
    }
}
