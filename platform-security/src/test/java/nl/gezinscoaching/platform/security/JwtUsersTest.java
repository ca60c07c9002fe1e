package nl.gezinscoaching.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A Keycloak access token becomes the platform's user: roles from this platform's client only, coach id and
 * cluster from claims; a token issued for another audience is refused.
 */
class JwtUsersTest {

    private static final String CLIENT = "gezinscoaching";

    private final JwtUsers users = new JwtUsers(oidc(null, null));

    private static SecurityProperties.Oidc oidc(String audience, String rolesClaim) {
        return new SecurityProperties.Oidc(CLIENT, audience, rolesClaim, "preferred_username", "coach_id", "cluster");
    }

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("0b6f-uuid")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static Set<Role> rolesOf(AbstractAuthenticationToken authentication) {
        return ((PlatformUser) authentication.getDetails()).roles();
    }

    @Test
    void aSeniorCoachFromKeycloakKeepsClientRolesCoachIdAndCluster() {
        AbstractAuthenticationToken authentication = users.convert(token(Map.of(
                "aud", List.of(CLIENT, "account"),
                "preferred_username", "sanne",
                "resource_access", Map.of(CLIENT, Map.of("roles", List.of("senior_coach")),
                        "account", Map.of("roles", List.of("manage-account"))),
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
    void realmRolesGrantNothingHere() {
        AbstractAuthenticationToken authentication = users.convert(token(Map.of(
                "aud", CLIENT,
                "preferred_username", "intruder",
                "realm_access", Map.of("roles", List.of("admin", "manager", "offline_access")))));

        assertThat(authentication.getAuthorities()).isEmpty();
        assertThat(rolesOf(authentication)).isEmpty();
    }

    @Test
    void rolesGivenForAnotherClientGrantNothingHere() {
        AbstractAuthenticationToken authentication = users.convert(token(Map.of(
                "aud", List.of(CLIENT, "roostering"),
                "preferred_username", "planner",
                "resource_access", Map.of("roostering", Map.of("roles", List.of("admin", "manager"))))));

        assertThat(rolesOf(authentication)).isEmpty();
    }

    @Test
    void aTokenIssuedForAnotherClientIsRefused() {
        Jwt forAnotherClient = token(Map.of(
                "aud", List.of("roostering"),
                "azp", "roostering",
                "preferred_username", "planner",
                "resource_access", Map.of(CLIENT, Map.of("roles", List.of("admin")))));

        assertThatThrownBy(() -> users.convert(forAnotherClient))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("audience");
    }

    @Test
    void aTokenWithoutAudienceIsRefused() {
        Jwt withoutAudience = token(Map.of("preferred_username", "sanne",
                "resource_access", Map.of(CLIENT, Map.of("roles", List.of("senior_coach")))));

        assertThatThrownBy(() -> users.convert(withoutAudience)).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void audienceAndRolesClaimCanBeConfigured() {
        JwtUsers configured = new JwtUsers(oidc("https://gezinscoaching.example.nl", "platform.roles"));

        AbstractAuthenticationToken authentication = configured.convert(token(Map.of(
                "aud", "https://gezinscoaching.example.nl",
                "preferred_username", "mila",
                "platform", Map.of("roles", List.of("MANAGER")))));

        assertThat(rolesOf(authentication)).containsExactly(Role.MANAGER);
        assertThatThrownBy(() -> configured.convert(token(Map.of("aud", CLIENT))))
                .as("the client id is not the audience once one is configured")
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aTokenWithoutOurRolesGrantsNothing() {
        AbstractAuthenticationToken authentication = users.convert(token(Map.of("aud", CLIENT,
                "preferred_username", "visitor")));
        assertThat(authentication.getAuthorities()).isEmpty();
        assertThat(rolesOf(authentication)).isEmpty();
    }
}
