package nl.gezinscoaching.web.signin;

import java.util.Optional;
import nl.gezinscoaching.platform.security.PlatformClaims;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.SecurityProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The person signed in to the pages, as the platform sees them (from the ID token's claims). */
public final class SignedInUser {

    /** The client registration of this platform at the OIDC provider ({@code spring.security.oauth2.client}). */
    public static final String REGISTRATION = "gezinscoaching";

    private SignedInUser() {
    }

    public static Optional<PlatformUser> of(Authentication authentication, SecurityProperties.Oidc oidc) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return Optional.empty();
        }
        return Optional.of(PlatformClaims.user(user.getClaims(), oidc, user.getSubject()));
    }
}
