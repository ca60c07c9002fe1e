package nl.gezinscoaching.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.JWKSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import nl.gezinscoaching.platform.deployment.UnsafeDeploymentException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Outside the local profile the web has no identity provider of its own: it signs people in at the configured
 * OIDC provider, and it refuses to start without its client secret (but asks for no master key: it has none).
 */
class ProductionWebTest {

    private static final String[] PROVIDER = {
            "--spring.security.oauth2.client.provider.gezinscoaching.authorization-uri=https://sso.example.nl/auth",
            "--spring.security.oauth2.client.provider.gezinscoaching.token-uri=https://sso.example.nl/token",
            "--spring.security.oauth2.client.provider.gezinscoaching.jwk-set-uri=https://sso.example.nl/certs"};

    private static String[] production(String... more) {
        String[] args = new String[PROVIDER.length + more.length + 2];
        args[0] = "--spring.profiles.active=production";
        args[1] = "--server.port=0";
        System.arraycopy(PROVIDER, 0, args, 2, PROVIDER.length);
        System.arraycopy(more, 0, args, 2 + PROVIDER.length, more.length);
        return args;
    }

    @Test
    void withoutItsClientSecretTheWebRefusesToStartNamingOnlyThat() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(WebApplication.class).run(production()))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .containsExactly("platform.web.client-secret is not set"));
    }

    @Test
    void theDevelopmentClientSecretIsRefused() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(WebApplication.class)
                .run(production("--platform.web.client-secret=8mUj0kQy3tWcR2xNvZp5LbHs")))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .containsExactly("platform.web.client-secret is the repository's development value"));
    }

    @Test
    void inProductionThereIsNoLocalIdentityProviderAndSigningInGoesToTheOidcProvider() throws Exception {
        try (ConfigurableApplicationContext web = new SpringApplicationBuilder(WebApplication.class)
                .run(production("--platform.web.client-secret=a-secret-from-the-secret-store"))) {
            assertThat(web.getBeanNamesForType(RegisteredClientRepository.class)).isEmpty();
            assertThat(web.getBeanNamesForType(JWKSource.class)).isEmpty();

            String base = "http://localhost:" + web.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("no sign-in form of its own").isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValue(base + "/oauth2/authorization/gezinscoaching");

            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/oauth2/authorization/gezinscoaching")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(302);
            assertThat(signIn.headers().firstValue("Location")).get().asString()
                    .startsWith("https://sso.example.nl/auth?")
                    .contains("code_challenge_method=S256")
                    .contains("client_id=gezinscoaching-web");
        }
    }
}
