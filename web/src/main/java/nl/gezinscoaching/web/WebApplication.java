package nl.gezinscoaching.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;

/**
 * The coaches' pages: a backend-for-frontend that signs people in through OIDC and calls the command and
 * query services with the signed-in user's access token. It has no database: what it shows comes from the
 * services, which apply their own rules. Spring Boot's authorization server auto-configuration is left out:
 * the local identity provider exists only in the local profile
 * ({@link nl.gezinscoaching.web.signin.local.LocalIdentityProvider}), never in production.
 */
@SpringBootApplication(exclude = {OAuth2AuthorizationServerAutoConfiguration.class,
        OAuth2AuthorizationServerJwtAutoConfiguration.class})
@ConfigurationPropertiesScan
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
