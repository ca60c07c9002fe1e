package nl.gezinscoaching.platform.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Turns a JWT of the OIDC provider into the platform's user, with roles from a configurable claim. */
final class JwtUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Oidc claims;

    JwtUsers(SecurityProperties.Oidc claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = new HashSet<>();
        for (Object name : claimValues(jwt.getClaims(), claims.rolesClaim())) {
            try {
                roles.add(Role.valueOf(name.toString().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException unknownRole) {
                // roles of other applications in the same realm are not ours
            }
        }
        String username = jwt.getClaimAsString(claims.usernameClaim());
        PlatformUser user = new PlatformUser(username != null ? username : jwt.getSubject(), roles,
                jwt.getClaimAsString(claims.coachIdClaim()), jwt.getClaimAsString(claims.clusterClaim()));
        JwtAuthenticationToken token = new JwtAuthenticationToken(jwt,
                roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(), user.username());
        token.setDetails(user);
        return token;
    }

    private static Collection<?> claimValues(Map<String, Object> claims, String dottedPath) {
        Object value = claims;
        for (String part : dottedPath.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(part);
        }
        return value instanceof Collection<?> collection ? collection : List.of();
    }
}
