package nl.gezinscoaching.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A Keycloak access token becomes the platform's user: roles, coach id and cluster from claims. */
class JwtUsersTest {

    private final JwtUsers users = new JwtUsers(new SecurityProperties.Oidc("realm_access.roles", "preferred_username",
            "coach_id", "cluster"));

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("0b6f-uuid")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void aSeniorCoachFromKeycloakKeepsRolesCoachIdAndCluster() {
        AbstractAuthenticationToken authentication = users.convert(token(Map.of(
                "preferred_username", "sanne",
                "realm_access", Map.of("roles", List.of("senior_coach", "offline_access", "uma_authorization")),
                "coach_id", "sanne",
                "cluster", "Noord")));

        assertThat(authentication.getName()).isEqualTo("sanne");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_SENIOR_COACH");
        PlatformUser user = (PlatformUser) authentication.getDetails();
        assertThat(user.roles()).isEqualTo(Set.of(Role.SENIOR_COACH));
        assertThat(user.coachId()).isEqualTo("sanne");
        assertThat(user.cluster()).isEqualTo("Noord");
        assertThat(user.guides("anna", "Noord")).as("a colleague of her cluster").isTrue();
        assertThat(user.guides("bram", "Zuid")).isFalse();
    }

    @Test
    void aTokenWithoutOurRolesGrantsNothing() {
        AbstractAuthenticationToken authentication = users.convert(token(Map.of("preferred_username", "visitor")));
        assertThat(authentication.getAuthorities()).isEmpty();
        assertThat(((PlatformUser) authentication.getDetails()).roles()).isEmpty();
    }
}
