package nl.gezinscoaching.platform.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.security.*}: the configured users (the local run's demo users; passwords in Spring's
 * {@code {id}encoded} form), whether they may sign in with a password ({@code password-login}: HTTP Basic and the
 * login form; false unless set, true in the local profile) and how JWT claims map to the platform's user when an
 * OIDC issuer is set.
 */
@ConfigurationProperties("platform.security")
public record SecurityProperties(@DefaultValue List<ConfiguredUser> users, @DefaultValue Oidc oidc,
                                 @DefaultValue("false") boolean passwordLogin) {

    public record ConfiguredUser(String username, String password, Set<Role> roles, String coachId, String cluster) {

        /** The platform's view of this user. */
        public PlatformUser platformUser() {
            return new PlatformUser(username, roles == null ? Set.of() : roles, coachId, cluster);
        }
    }

    /**
     * @param clientId      this platform's client at the identity provider: roles are read from its entry of
     *                      {@code resource_access} (Keycloak's client roles), never from the realm's roles
     * @param audience      the audience a token must be issued for ({@code aud}); the client id when not set
     * @param rolesClaim    a dotted path to the role names instead of {@code resource_access.<client-id>.roles},
     *                      for providers that put a client's roles elsewhere; it must name roles given for this
     *                      platform only
     * @param usernameClaim claim with the user name recorded in events and audit trails
     * @param coachIdClaim  claim with the coach id of a (senior) coach
     * @param clusterClaim  claim with the cluster of a senior coach
     */
    public record Oidc(@DefaultValue("gezinscoaching") String clientId,
                       String audience,
                       String rolesClaim,
                       @DefaultValue("preferred_username") String usernameClaim,
                       @DefaultValue("coach_id") String coachIdClaim,
                       @DefaultValue("cluster") String clusterClaim) {

        /** The audience every accepted token names. */
        public String requiredAudience() {
            return audience == null || audience.isBlank() ? clientId : audience;
        }

        /** The claim path of the role names, one element per level of nesting. */
        public List<String> rolesPath() {
            return rolesClaim == null || rolesClaim.isBlank()
                    ? List.of("resource_access", clientId, "roles")
                    : List.of(rolesClaim.split("\\."));
        }
    }
}
