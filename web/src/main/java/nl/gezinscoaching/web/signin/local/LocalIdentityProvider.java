package nl.gezinscoaching.web.signin.local;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.gezinscoaching.platform.deployment.DeploymentGuard;
import nl.gezinscoaching.platform.security.PlatformClaims;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.SecurityProperties;
import nl.gezinscoaching.web.WebProperties;
import nl.gezinscoaching.web.signin.SignedInUser;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring's authorization server as the identity provider of the local run, inside the web application: the
 * demo users ({@code platform-users.yml}) sign in at {@code /login}, and the web, its only client, gets its
 * tokens by the authorization code flow with PKCE, as from the OIDC provider in production.
 * <p>
 * Its sign-in lives in the same HTTP session as the web's own, under other session attributes (security
 * context and saved request), so the two do not overwrite each other; signing out of the web ends both.
 * Every token names the user ({@code sub}, {@code preferred_username}), their roles for this platform under
 * {@code resource_access.<client-id>.roles}, coach id and cluster; access tokens also name the platform's
 * audience, which the services require.
 */
@Configuration(proxyBeanMethods = false)
@Profile(DeploymentGuard.LOCAL_PROFILE)
public class LocalIdentityProvider {

    static final String LOGIN = "/login";
    static final String SESSION_CONTEXT = "GEZINSCOACHING_IDENTITY_PROVIDER_CONTEXT";
    static final String SESSION_SAVED_REQUEST = "GEZINSCOACHING_IDENTITY_PROVIDER_SAVED_REQUEST";
    private static final String REGISTRATION = SignedInUser.REGISTRATION;

    @Bean
    @Order(1)
    SecurityFilterChain identityProvider(HttpSecurity http, JWKSource<SecurityContext> keys) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        RequestMatcher login = PathPatternRequestMatcher.withDefaults().matcher(LOGIN);
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(SESSION_CONTEXT);
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setSessionAttrName(SESSION_SAVED_REQUEST);
        http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), login))
                .with(server, authorizationServer -> authorizationServer.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.requestMatchers(login).permitAll()
                        .anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(savedRequests))
                .formLogin(form -> form.loginPage(LOGIN))
                // the OIDC user-info endpoint takes this provider's own access tokens
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(NimbusJwtDecoder.withJwkSource(keys).build())));
        return http.build();
    }

    /** Its one client: the web application, as configured for signing in ({@code spring.security.oauth2.client}). */
    @Bean
    RegisteredClientRepository registeredClients(OAuth2ClientProperties clients, WebProperties web) {
        OAuth2ClientProperties.Registration registration = clients.getRegistration().get(REGISTRATION);
        if (registration == null || web.localIssuer() == null) {
            throw new IllegalStateException("The local identity provider needs the client registration '"
                    + REGISTRATION + "' and platform.web.local-issuer");
        }
        RegisteredClient webApplication = RegisteredClient.withId(REGISTRATION)
                .clientId(registration.getClientId())
                .clientSecret("{noop}" + registration.getClientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(web.localIssuer() + "/login/oauth2/code/" + REGISTRATION)
                .postLogoutRedirectUri(web.localIssuer() + "/signed-out")
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build();
        return new InMemoryRegisteredClientRepository(webApplication);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(WebProperties web) {
        return AuthorizationServerSettings.builder().issuer(web.localIssuer()).build();
    }

    /** A signing key made at start-up: tokens of an earlier run are not valid any more, which is fine locally. */
    @Bean
    JWKSource<SecurityContext> signingKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No RSA key generator", e);
        }
    }

    /** The platform's claims of the demo user in ID and access tokens; the platform's audience in access tokens. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> platformClaims(SecurityProperties properties) {
        Map<String, PlatformUser> users = properties.users().stream()
                .map(SecurityProperties.ConfiguredUser::platformUser)
                .collect(Collectors.toUnmodifiableMap(PlatformUser::username, Function.identity()));
        SecurityProperties.Oidc oidc = properties.oidc();
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            PlatformUser user = users.get(context.getPrincipal().getName());
            if (!(accessToken || idToken) || user == null) {
                return;
            }
            PlatformClaims.claims(user, oidc).forEach((name, value) -> context.getClaims().claim(name, value));
            if (accessToken) {
                context.getClaims().audience(List.of(context.getRegisteredClient().getClientId(), oidc.requiredAudience()));
            }
        };
    }
}
