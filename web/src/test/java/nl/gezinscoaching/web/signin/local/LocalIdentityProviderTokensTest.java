package nl.gezinscoaching.web.signin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.gezinscoaching.platform.security.PlatformClaims;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import nl.gezinscoaching.platform.security.SecurityProperties;
import nl.gezinscoaching.platform.security.SecurityProperties.ConfiguredUser;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * The local identity provider's tokens carry what the services require of a token: the platform's audience,
 * roles under {@code resource_access.gezinscoaching.roles} in lower case, the user name, coach id and cluster.
 */
@SuppressWarnings("unchecked")
class LocalIdentityProviderTokensTest {

    private static final SecurityProperties.Oidc OIDC =
            new SecurityProperties.Oidc("gezinscoaching", null, null, "preferred_username", "coach_id", "cluster");
    private static final SecurityProperties PROPERTIES = new SecurityProperties(List.of(
            new ConfiguredUser("anna", "{noop}anna", Set.of(Role.COACH), "anna", "Noord"),
            new ConfiguredUser("mila", "{noop}mila", Set.of(Role.MANAGER), null, null)), OIDC, true);
    private static final RegisteredClient WEB = RegisteredClient.withId("gezinscoaching").clientId("gezinscoaching-web")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("http://localhost/cb").build();


    private static Map<String, Object> token(String username, OAuth2TokenType type) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(username).audience(List.of("gezinscoaching-web"));
        JwtEncodingContext context = JwtEncodingContext.with(JwsHeader.with(SignatureAlgorithm.RS256), claims)
                .registeredClient(WEB)
                .principal(UsernamePasswordAuthenticationToken.authenticated(username, null, List.of()))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .tokenType(type)
                .build();
        new LocalIdentityProvider().platformClaims(PROPERTIES).customize(context);
        return claims.build().getClaims();
    }

    @Test
    void anAccessTokenNamesThePlatformsAudienceAndTheCoachsRolesCoachIdAndCluster() {
        Map<String, Object> claims = token("anna", OAuth2TokenType.ACCESS_TOKEN);

        assertThat((List<Object>) claims.get("aud")).containsExactly("gezinscoaching-web", "gezinscoaching");
        assertThat(claims).containsEntry("preferred_username", "anna")
                .containsEntry("resource_access", Map.of("gezinscoaching", Map.of("roles", List.of("coach"))))
                .containsEntry("coach_id", "anna")
                .containsEntry("cluster", "Noord");
    }

    @Test
    void theServicesReadTheAccessTokenBackAsTheSameUser() {
        Map<String, Object> claims = token("anna", OAuth2TokenType.ACCESS_TOKEN);

        assertThat((List<Object>) claims.get("aud")).contains(OIDC.requiredAudience());
        assertThat(PlatformClaims.user(claims, OIDC, "sub"))
                .isEqualTo(new PlatformUser("anna", Set.of(Role.COACH), "anna", "Noord"));
    }

    @Test
    void theIdTokenCarriesTheRolesForThePagesButNotTheServicesAudience() {
        Map<String, Object> claims = token("mila", new OAuth2TokenType(OidcParameterNames.ID_TOKEN));

        assertThat(claims).containsEntry("resource_access", Map.of("gezinscoaching", Map.of("roles", List.of("manager"))))
                .doesNotContainKeys("coach_id", "cluster");
        assertThat((List<Object>) claims.get("aud")).containsExactly("gezinscoaching-web");
    }

    @Test
    void aRefreshTokenIsLeftAlone() {
        Map<String, Object> claims = token("anna", OAuth2TokenType.REFRESH_TOKEN);

        assertThat(claims).doesNotContainKeys("resource_access", "preferred_username");
    }
}
