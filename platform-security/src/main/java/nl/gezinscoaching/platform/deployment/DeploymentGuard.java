package nl.gezinscoaching.platform.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.gezinscoaching.platform.security.SecurityProperties.ConfiguredUser;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Refuses to start a service outside local development while it would run with what the repository gives
 * every developer: the development secrets of {@value #DEVELOPMENT_SECRETS}, demo users, or no secret at all.
 * Local development is chosen explicitly with the {@value #LOCAL_PROFILE} profile ({@code deploy/run-local.sh}
 * and the tests do); every other profile, a misspelled one included, is treated as production.
 * <p>
 * The secrets an application needs are listed in its own configuration
 * ({@code platform.deployment.required-secrets}); modules add their own {@link DeploymentCheck}s (the services'
 * platform module checks the master key), so an application without that module (the web) is not asked for
 * it. The refusal names each missing or unsafe setting.
 */
public class DeploymentGuard implements EnvironmentPostProcessor, Ordered {

    public static final String LOCAL_PROFILE = "local";
    public static final String DEVELOPMENT_SECRETS = "platform-development.yml";
    static final String REQUIRED_SECRETS = "platform.deployment.required-secrets";

    private final List<DeploymentCheck> checks;

    /** With the checks of every module on the classpath ({@code META-INF/spring.factories}). */
    public DeploymentGuard() {
        this(SpringFactoriesLoader.forDefaultResourceLocation(DeploymentGuard.class.getClassLoader())
                .load(DeploymentCheck.class));
    }

    DeploymentGuard(List<DeploymentCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The module checks this guard runs besides its own. */
    public List<DeploymentCheck> checks() {
        return checks;
    }

    @Override
    public int getOrder() {
        // after the configuration files are read
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            return;
        }
        List<String> problems = problems(environment, developmentSecrets());
        if (!problems.isEmpty()) {
            throw new UnsafeDeploymentException(problems);
        }
    }

    List<String> problems(ConfigurableEnvironment environment, Set<String> developmentValues) {
        Binder binder = Binder.get(environment);
        List<String> problems = new ArrayList<>();
        checks.forEach(check -> problems.addAll(check.problems(environment, developmentValues)));

        for (String secret : binder.bind(REQUIRED_SECRETS, Bindable.listOf(String.class)).orElseGet(List::of)) {
            String value = environment.getProperty(secret);
            if (isBlank(value)) {
                problems.add(secret + " is not set");
            } else if (developmentValues.contains(value.strip())) {
                problems.add(secret + " is the repository's development value");
            }
        }

        List<String> demoUsers = binder.bind("platform.security.users", Bindable.listOf(ConfiguredUser.class))
                .orElseGet(List::of).stream()
                .filter(user -> user.password() == null || user.password().startsWith("{noop}"))
                .map(ConfiguredUser::username)
                .toList();
        if (!demoUsers.isEmpty()) {
            problems.add("platform.security.users has users with plain-text passwords (demo users?): "
                    + String.join(", ", demoUsers));
        }
        return problems;
    }

    /** Every value of the development secrets file: none of them may be used outside local development. */
    public static Set<String> developmentSecrets() {
        ClassPathResource file = new ClassPathResource(DEVELOPMENT_SECRETS);
        Set<String> values = new LinkedHashSet<>();
        if (!file.exists()) {
            return values;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(DEVELOPMENT_SECRETS, file)) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (!name.startsWith("spring.")) {
                            values.add(String.valueOf(enumerable.getProperty(name)).strip());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEVELOPMENT_SECRETS, e);
        }
        return values;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
