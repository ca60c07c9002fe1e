package nl.gezinscoaching.platform.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.security.*}: the configured users (the local run's demo users; passwords in Spring's
 * {@code {id}encoded} form) and how JWT claims map to the platform's user when an OIDC issuer is set.
 */
@ConfigurationProperties("platform.security")
public record SecurityProperties(@DefaultValue List<ConfiguredUser> users, @DefaultValue Oidc oidc) {

    public record ConfiguredUser(String username, String password, Set<Role> roles, String coachId, String cluster) {
    }

    /**
     * @param rolesClaim   claim with the role names, dotted for nesting (Keycloak: {@code realm_access.roles})
     * @param usernameClaim claim with the user name recorded in events and audit trails
     * @param coachIdClaim claim with the coach id of a (senior) coach
     * @param clusterClaim claim with the cluster of a senior coach
     */
    public record Oidc(@DefaultValue("realm_access.roles") String rolesClaim,
                       @DefaultValue("preferred_username") String usernameClaim,
                       @DefaultValue("coach_id") String coachIdClaim,
                       @DefaultValue("cluster") String clusterClaim) {
    }
}
