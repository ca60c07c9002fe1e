package nl.gezinscoaching.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.web.*}: where the services' APIs are, and (local profile) this application's address as the
 * local identity provider.
 *
 * @param localIssuer the issuer of the local identity provider's tokens ({@code http://localhost:8080});
 *                    {@code null} outside the local profile
 */
@ConfigurationProperties("platform.web")
public record WebProperties(URI commandServiceUrl, URI queryServiceUrl, String localIssuer) {
}
