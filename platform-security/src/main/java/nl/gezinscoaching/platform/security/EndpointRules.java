package nl.gezinscoaching.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** A service's URL rules: which roles may call which endpoints. Data-dependent rules come on top. */
@FunctionalInterface
public interface EndpointRules {

    void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests);
}
