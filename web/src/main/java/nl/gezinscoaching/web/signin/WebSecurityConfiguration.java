package nl.gezinscoaching.web.signin;

import java.util.HashSet;
import java.util.Set;
import nl.gezinscoaching.platform.security.PlatformClaims;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The pages' security: every page but the static resources, health and the signed-out page needs a signed-in
 * user, who signs in at the OIDC provider (authorization code with PKCE: no chooser page, straight to the
 * provider). Sign-out ends the session here and, where the provider announces an end-session endpoint, there.
 * CSRF tokens protect every form (Spring Security's default). What a user may see or do is the services'
 * decision: a refusal of theirs becomes the 403 page.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    static final String SIGN_IN = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            + "/" + SignedInUser.REGISTRATION;
    static final String SIGNED_OUT = "/signed-out";

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations,
                              OAuth2UserService<OidcUserRequest, OidcUser> platformUsers) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        // the page asked for before signing in, remembered without a "?continue" in the address afterwards
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setMatchingRequestParameterName(null);
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
        // without an end-session endpoint (the local identity provider lives in this session): straight here
        signedOut.setDefaultTargetUrl(SIGNED_OUT);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webjars/**", "/css/**", "/favicon.ico", SIGNED_OUT, "/error",
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage(SIGN_IN)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(platformUsers)))
                .requestCache(cache -> cache.requestCache(savedRequests))
                .logout(logout -> logout.logoutSuccessHandler(signedOut))
                .exceptionHandling(exceptions -> exceptions.accessDeniedPage("/forbidden"));
        return http.build();
    }

    /**
     * The signed-in user as the platform sees them: roles from this platform's client in the ID token
     * ({@code resource_access.<client-id>.roles}), coach id and cluster, as the services read the access token.
     */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> platformUsers(SecurityProperties properties) {
        OidcUserService oidc = new OidcUserService();
        return request -> {
            OidcUser user = oidc.loadUser(request);
            PlatformUser platformUser = PlatformClaims.user(user.getClaims(), properties.oidc(), user.getSubject());
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            platformUser.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
                    properties.oidc().usernameClaim());
        };
    }

    /** The signed-in user's tokens live in their session: gone when they sign out or the session expires. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Access tokens for the calls to the services, refreshed with the refresh token when they expire. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                          OAuth2AuthorizedClientRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }
}
