package nl.gezinscoaching.platform.security;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a JWT of the OIDC provider into the platform's user. A token must be issued for this platform
 * (its {@code aud} names the platform's audience), and roles come only from the roles given for this
 * platform's client ({@code resource_access.<client-id>.roles}): a role called {@code admin} that the realm
 * or another application grants means nothing here.
 */
final class JwtUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Oidc claims;

    JwtUsers(SecurityProperties.Oidc claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<String> audiences = jwt.getAudience();
        if (audiences == null || !audiences.contains(claims.requiredAudience())) {
            throw new InvalidBearerTokenException("The token is not issued for this platform (audience)");
        }
        PlatformUser user = PlatformClaims.user(jwt.getClaims(), claims, jwt.getSubject());
        JwtAuthenticationToken token = new JwtAuthenticationToken(jwt,
                user.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(), user.username());
        token.setDetails(user);
        return token;
    }
}
