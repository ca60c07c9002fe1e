package nl.gezinscoaching.web;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.web.*}: where the services' APIs are, and (local profile) this application's address as the
 * local identity provider.
 *
 * @param localIssuer the issuer of the local identity provider's tokens ({@code http://localhost:8080});
 *                    {@code null} outside the local profile
 * @param districts   the municipality's districts (stadsdelen), offered as suggestions on the intake page
 *                    (another district can still be typed)
 */
@ConfigurationProperties("platform.web")
public record WebProperties(URI commandServiceUrl, URI queryServiceUrl, String localIssuer,
                            @DefaultValue({"Centrum", "Escamp", "Haagse Hout", "Laak", "Leidschenveen-Ypenburg",
                                    "Loosduinen", "Scheveningen"}) List<String> districts) {
}
