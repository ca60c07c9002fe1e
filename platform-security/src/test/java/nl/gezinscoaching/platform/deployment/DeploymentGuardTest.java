package nl.gezinscoaching.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

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
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .contains("platform.security.users has users with plain-text passwords (demo users?): admin",
                                "platform.security.users has the demo user 'admin'",
                                "platform.security.users has the demo user 'scraper'"));
    }

    @Test
    void aDemoPasswordIsRecognisedUnderAnotherNameHowEverItIsEncoded() {
        String annaHashed = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("anna");
        MockEnvironment renamed = production()
                .withProperty("platform.security.users[0].username", "beheer")
                .withProperty("platform.security.users[0].password", annaHashed)
                .withProperty("platform.security.users[0].roles[0]", "ADMIN");

        assertThatThrownBy(() -> start(renamed))
                .hasMessageContaining("platform.security.users gives 'beheer' a demo user's password");
    }

    @Test
    void anOwnUserWithAnOwnPasswordStarts() {
        MockEnvironment own = production()
                .withProperty("platform.security.users[0].username", "prometheus")
                .withProperty("platform.security.users[0].password",
                        "{bcrypt}" + new BCryptPasswordEncoder(4).encode("a long scrape secret"))
                .withProperty("platform.security.users[0].roles[0]", "METRICS");

        assertThatCode(() -> start(own)).doesNotThrowAnyException();
    }

    @Test
    void theLocalProfileWithProductionSettingsIsRefusedNamingEach() {
        MockEnvironment mixed = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.gemeente.example:5432/gezinscoaching")
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri",
                        "https://sso.gemeente.example/realms/jgz")
                .withProperty("platform.crypto.master-keys.development", DEVELOPMENT_MASTER_KEY)
                .withProperty("platform.crypto.master-keys.k2026", OWN_KEY);
        mixed.setActiveProfiles("production", "local");

        assertThatThrownBy(() -> start(mixed))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .containsExactly("profile 'production' is active too",
                                "spring.datasource.url names a database on another machine",
                                "spring.security.oauth2.resourceserver.jwt.issuer-uri names an identity provider on "
                                        + "another machine",
                                "platform.crypto.master-keys.k2026 is not the development key"))
                .hasMessageStartingWith("Refusing to start: profile 'local'");
    }

    @Test
    void theLocalProfileOnThisMachineStarts() {
        MockEnvironment local = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://localhost:54329/postgres")
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://localhost:8080")
                .withProperty("platform.crypto.master-keys.development", DEVELOPMENT_MASTER_KEY);
        local.setActiveProfiles("local");

        assertThatCode(() -> start(local)).doesNotThrowAnyException();
    }

    @Test
    void anAddressIsOnThisMachineOnlyWhenEveryHostIs() {
        assertThat(DeploymentGuard.onThisMachine("jdbc:postgresql://localhost:54329/postgres")).isTrue();
        assertThat(DeploymentGuard.onThisMachine("jdbc:postgresql://127.0.0.1/postgres?ssl=false")).isTrue();
        assertThat(DeploymentGuard.onThisMachine("jdbc:postgresql://[::1]:5432/postgres")).isTrue();
        assertThat(DeploymentGuard.onThisMachine("http://localhost:8080")).isTrue();
        assertThat(DeploymentGuard.onThisMachine("jdbc:postgresql://localhost:5432,db2.example:5432/x")).isFalse();
        assertThat(DeploymentGuard.onThisMachine("jdbc:postgresql://localhost.evil.example/x")).isFalse();
        assertThat(DeploymentGuard.onThisMachine("https://user@sso.example/realms/x")).isFalse();
        assertThat(DeploymentGuard.onThisMachine("jdbc:postgresql:gezinscoaching")).isFalse();
    }

    @Test
    void anyValueOfTheDevelopmentFileCountsAsDevelopmentSecret() {
        MockEnvironment reused = production().withProperty("analytics.pseudonym-key", OWN_KEY);

        assertThat(guard.problems(reused, Set.of(OWN_KEY)))
                .contains("analytics.pseudonym-key is the repository's development value");
    }
}
