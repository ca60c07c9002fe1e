package nl.gezinscoaching.query.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.gezinscoaching.platform.deployment.UnsafeDeploymentException;
import nl.gezinscoaching.query.QueryServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The query service, started outside local development, refuses the repository's secrets and names its own. */
class DeploymentRefusalTest {

    @Test
    void aMisspelledProfileRefusesTheDevelopmentSecretsAndNamesTheMissingOnes() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(QueryServiceApplication.class).run(
                "--spring.profiles.active=prod",
                "--platform.crypto.master-key-id=development",
                "--platform.crypto.master-keys.development=sFowr47S/uE6rz4APk+RRCGdITh/l+687yZRtGNf758=",
                "--analytics.pseudonym-key=local-development-only-pseudonym-key",
                // the tests' own configuration gives every context an anchor file: take it away
                "--platform.audit.anchor-file="))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .containsExactly(
                                "platform.crypto.master-keys.development is the repository's development master key",
                                "analytics.pseudonym-key is the repository's development value",
                                "platform.audit.chain-key is not set",
                                "platform.audit.anchor-file is not set",
                                "platform.erasure-register.key is not set",
                                "platform.erasure-register.anchor-file is not set"));
    }
}
