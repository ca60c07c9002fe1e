package nl.gezinscoaching.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

import java.util.List;
import java.util.Map;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;

/** A user signed in to the web, with the ID token's claims as the identity provider writes them. */
public final class SignedIn {

    private SignedIn() {
    }

    /** A coach or senior coach of cluster Noord (coach id = user name). */
    public static OidcLoginRequestPostProcessor coach(String username, String role) {
        return as(username, role, username, "Noord");
    }

    /** {@code role} lower-case, as in the token; {@code coachId} null for a user who coaches no family. */
    public static OidcLoginRequestPostProcessor as(String username, String role, String coachId, String cluster) {
        return oidcLogin().idToken(token -> token.subject(username).claims(claims -> {
            claims.put("preferred_username", username);
            claims.put("resource_access", Map.of("gezinscoaching", Map.of("roles", List.of(role))));
            if (coachId != null) {
                claims.put("coach_id", coachId);
                claims.put("cluster", cluster);
            }
        }));
    }
}
