package nl.gezinscoaching.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * Outside the local profile, an application refuses the repository's secrets, demo users and missing secrets.
 * The master key is a module's check (the services' platform module), not asked of every application.
 */
class DeploymentGuardTest {

    private static final String DEVELOPMENT_MASTER_KEY = "sFowr47S/uE6rz4APk+RRCGdITh/l+687yZRtGNf758=";
    private static final String OWN_KEY = "3m1cQfXqgqbq1o3a7mC0m2m6n9m8r3b5c7d9e1f3g5E=";

    /** The guard as an application without the services' platform module has it (the web). */
    private final DeploymentGuard guard = new DeploymentGuard();

    private static MockEnvironment production() {
        return new MockEnvironment()
                .withProperty("platform.deployment.required-secrets[0]", "analytics.pseudonym-key")
                .withProperty("analytics.pseudonym-key", "a secret from the operator's secret store");
    }

    private static void start(DeploymentGuard guard, MockEnvironment environment) {
        guard.postProcessEnvironment(environment, new SpringApplication());
    }

    private void start(MockEnvironment environment) {
        start(guard, environment);
    }

    @Test
    void theDevelopmentSecretsFileHoldsTheDevelopmentSecrets() {
        assertThat(DeploymentGuard.developmentSecrets()).contains(DEVELOPMENT_MASTER_KEY,
                "local-development-only-pseudonym-key");
    }

    @Test
    void aConfiguredProductionStarts() {
        assertThatCode(() -> start(production())).doesNotThrowAnyException();
    }

    @Test
    void withoutAModuleThatNeedsOneNoMasterKeyIsAsked() {
        assertThat(guard.checks()).isEmpty();
        assertThatCode(() -> start(production())).doesNotThrowAnyException();
    }

    @Test
    void localDevelopmentChosenExplicitlyMayUseTheDevelopmentSecrets() {
        MockEnvironment local = new MockEnvironment()
                .withProperty("platform.deployment.required-secrets[0]", "analytics.pseudonym-key")
                .withProperty("analytics.pseudonym-key", "local-development-only-pseudonym-key")
                .withProperty("platform.security.users[0].username", "admin")
                .withProperty("platform.security.users[0].password", "{noop}admin");
        local.setActiveProfiles("local");

        assertThatCode(() -> start(local)).doesNotThrowAnyException();
    }

    @Test
    void aMisspelledProfileWithADevelopmentSecretIsRefused() {
        MockEnvironment misspelled = production()
                .withProperty("analytics.pseudonym-key", "local-development-only-pseudonym-key");
        misspelled.setActiveProfiles("prodution");

        assertThatThrownBy(() -> start(misspelled))
                .isInstanceOf(UnsafeDeploymentException.class)
                .hasMessageContaining("analytics.pseudonym-key is the repository's development value");
    }

    @Test
    void noProfileAndNoSecretsIsRefusedNamingEachMissingSetting() {
        MockEnvironment nothing = new MockEnvironment()
                .withProperty("platform.deployment.required-secrets[0]", "analytics.pseudonym-key")
                .withProperty("platform.deployment.required-secrets[1]", "platform.audit.chain-key");

        assertThatThrownBy(() -> start(nothing))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .containsExactly("analytics.pseudonym-key is not set", "platform.audit.chain-key is not set"));
    }

    @Test
    void aModulesCheckIsNamedFirstThenTheRequiredSecrets() {
        DeploymentCheck moduleCheck = (environment, developmentValues) -> List.of("the module's key is not set");
        MockEnvironment nothing = new MockEnvironment()
                .withProperty("platform.deployment.required-secrets[0]", "analytics.pseudonym-key");

        assertThatThrownBy(() -> start(new DeploymentGuard(List.of(moduleCheck)), nothing))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .containsExactly("the module's key is not set", "analytics.pseudonym-key is not set"));
    }

    @Test
    void theDevelopmentPseudonymKeyIsRefused() {
        MockEnvironment defaultKey = production()
                .withProperty("analytics.pseudonym-key", "local-development-only-pseudonym-key");

        assertThatThrownBy(() -> start(defaultKey))
                .hasMessageContaining("analytics.pseudonym-key is the repository's development value");
    }

    @Test
    void demoUsersWithPlainTextPasswordsAreRefused() {
        MockEnvironment demoUsers = production()
                .withProperty("platform.security.users[0].username", "admin")
                .withProperty("platform.security.users[0].password", "{noop}admin")
                .withProperty("platform.security.users[0].roles[0]", "ADMIN")
                .withProperty("platform.security.users[1].username", "scraper")
                .withProperty("platform.security.users[1].password", "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3bLbL9Fv1zYGz6hOVVX2S3i")
                .withProperty("platform.security.users[1].roles[0]", "METRICS");

        assertThatThrownBy(() -> start(demoUsers))
                .hasMessageContaining("platform.security.users has users with plain-text passwords (demo users?): admin")
                .hasMessageNotContaining("scraper");
    }

    @Test
    void anyValueOfTheDevelopmentFileCountsAsDevelopmentSecret() {
        MockEnvironment reused = production().withProperty("analytics.pseudonym-key", OWN_KEY);

        assertThat(guard.problems(reused, Set.of(OWN_KEY)))
                .contains("analytics.pseudonym-key is the repository's development value");
    }
}
