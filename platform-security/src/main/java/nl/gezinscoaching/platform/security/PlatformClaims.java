package nl.gezinscoaching.platform.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The platform's user in the claims of a token, both ways, so that the identity provider of the local run
 * and the services reading its tokens agree by construction: user name, roles of this platform's client
 * ({@code resource_access.<client-id>.roles}, lower-case), coach id and cluster, under the claim names of
 * {@link SecurityProperties.Oidc}.
 */
public final class PlatformClaims {

    private PlatformClaims() {
    }

    /**
     * The user a token's claims describe; roles this platform does not know grant nothing.
     *
     * @param fallbackName the name when the token has no user-name claim (its subject)
     */
    public static PlatformUser user(Map<String, Object> claims, SecurityProperties.Oidc oidc, String fallbackName) {
        Set<Role> roles = new TreeSet<>();
        for (Object name : claimValues(claims, oidc.rolesPath())) {
            try {
                roles.add(Role.valueOf(name.toString().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknownRole) {
                // a role of this client that the platform does not know grants nothing
            }
        }
        Object username = claims.get(oidc.usernameClaim());
        return new PlatformUser(username != null ? username.toString() : fallbackName, roles,
                string(claims.get(oidc.coachIdClaim())), string(claims.get(oidc.clusterClaim())));
    }

    /**
     * The claims that describe this user: what an identity provider puts into the tokens it issues for the
     * platform (the audience is the caller's to add).
     */
    public static Map<String, Object> claims(PlatformUser user, SecurityProperties.Oidc oidc) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(oidc.usernameClaim(), user.username());
        List<String> roles = user.roles().stream().map(role -> role.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.toList());
        List<String> path = oidc.rolesPath();
        Map<String, Object> level = claims;
        for (int i = 0; i < path.size() - 1; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            level.put(path.get(i), next);
            level = next;
        }
        level.put(path.get(path.size() - 1), roles);
        if (user.coachId() != null) {
            claims.put(oidc.coachIdClaim(), user.coachId());
        }
        if (user.cluster() != null) {
            claims.put(oidc.clusterClaim(), user.cluster());
        }
        return claims;
    }

    private static Collection<?> claimValues(Map<String, Object> claims, List<String> path) {
        Object value = claims;
        for (String part : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(part);
        }
        return value instanceof Collection<?> collection ? collection : List.of();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
