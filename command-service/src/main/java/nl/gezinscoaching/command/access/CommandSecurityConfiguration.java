package nl.gezinscoaching.command.access;

import nl.gezinscoaching.platform.security.EndpointRules;
import nl.gezinscoaching.platform.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The command service's URL rules (managers and analysts act on nothing); per-trajectory rules are in
 * {@link TrajectoryAccess}.
 */
@Configuration(proxyBeanMethods = false)
class CommandSecurityConfiguration implements WebMvcConfigurer {

    private final TrajectoryAccess trajectoryAccess;

    CommandSecurityConfiguration(TrajectoryAccess trajectoryAccess) {
        this.trajectoryAccess = trajectoryAccess;
    }

    @Bean
    EndpointRules commandEndpointRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/coaches").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/api/referrals").hasAnyRole(Role.SENIOR_COACH.name(), Role.ADMIN.name())
                .requestMatchers("/api/families/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/api/trajectories/**")
                .hasAnyRole(Role.COACH.name(), Role.SENIOR_COACH.name(), Role.ADMIN.name())
                // closed by default: a new endpoint is refused until it gets its rule
                .requestMatchers("/api/**").denyAll()
                // the OpenAPI description and its UI: any signed-in user (it names no data, only the API)
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .authenticated();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(trajectoryAccess).addPathPatterns("/api/**");
    }
}
