package nl.gezinscoaching.platform.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Sign-in for both services. API clients use a bearer JWT (when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set, see deploy/SECURITY.md), and HTTP Basic
 * with the configured users, and browsers a login form, only where password sign-in is switched on
 * ({@code platform.security.password-login}: the local profile's demo users; off in production unless enabled). Unauthenticated API calls are answered 401, forbidden ones 403, both as
 * problem documents. Each service adds its own {@link EndpointRules}; anything not named needs a user.
 * An application with filter chains of its own (the web, which signs people in through OIDC) keeps the
 * configured users and the password encoder, and its own chains instead of this API chain.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class PlatformSecurityAutoConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService configuredUsers(SecurityProperties properties) {
        Map<String, PlatformUserDetails> users = properties.users().stream()
                .map(u -> new PlatformUserDetails(u.platformUser(), u.password()))
                .collect(Collectors.toUnmodifiableMap(PlatformUserDetails::getUsername, Function.identity()));
        return username -> {
            PlatformUserDetails user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("unknown user");
            }
            return user;
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain securityFilterChain(HttpSecurity http, List<EndpointRules> rules,
                                            ObjectProvider<JwtDecoder> jwtDecoder,
                                            SecurityProperties properties) throws Exception {
        ProblemAnswers answers = new ProblemAnswers();
        PathPatternRequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        // CSRF tokens on every state-changing request a browser session can make. Exempt: a request that carries
        // its own credentials (Basic or Bearer), which another site cannot forge (a form cannot set the header,
        // and browsers never hold Basic credentials for us because no answer here asks for them), and an API
        // call without a session, which has nothing to ride on (it is answered 401)
        http.csrf(csrf -> csrf.ignoringRequestMatchers(
                        request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null,
                        request -> api.matches(request) && request.getRequestedSessionId() == null))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                            .permitAll();
                    requests.requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                            .hasAnyRole(Role.METRICS.name(), Role.ADMIN.name());
                    requests.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name());
                    rules.forEach(rule -> rule.configure(requests));
                    requests.anyRequest().authenticated();
                })
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(answers, api)
                        .defaultAccessDeniedHandlerFor(answers, api));
        if (properties.passwordLogin()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(answers)).formLogin(Customizer.withDefaults());
        }
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(answers)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtUsers(properties.oidc()))));
        }
        return http.build();
    }
}
