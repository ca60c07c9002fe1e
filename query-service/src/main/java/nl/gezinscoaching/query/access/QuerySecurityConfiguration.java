package nl.gezinscoaching.query.access;

import nl.gezinscoaching.platform.security.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The query service's URL rules. Anything under /api that is not named here is refused, so a new
 * endpoint is closed until it gets its rule.
 */
@Configuration(proxyBeanMethods = false)
class QuerySecurityConfiguration {

    @Bean
    EndpointRules queryEndpointRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/caseload", "/api/caseload/trend", "/api/caseload/trajectories",
                        "/api/overruns", "/api/waiting-list", "/api/quality-report")
                .hasAnyRole("MANAGER", "SENIOR_COACH", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/my-families").hasAnyRole("COACH", "SENIOR_COACH", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/trajectories/*/history")
                .hasAnyRole("COACH", "SENIOR_COACH", "MANAGER", "ADMIN")
                // issue 11: the families behind a quality figure are the organisation's, as the report is on the pages
                .requestMatchers(HttpMethod.GET, "/api/families/*/reads", "/api/retention",
                        "/api/quality-report/trajectories")
                .hasAnyRole("MANAGER", "ADMIN")
                .requestMatchers("/api/admin/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/analytics/**").hasAnyRole("ANALYST", "ADMIN")
                // issue 12: the pseudonymised event export (docs/analytics.md)
                .requestMatchers(HttpMethod.GET, "/api/export/events").hasAnyRole("ANALYST", "ADMIN")
                .requestMatchers("/api/**").denyAll()
                // the OpenAPI description and its UI: any signed-in user (it names no data, only the API)
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .authenticated();
    }
}
