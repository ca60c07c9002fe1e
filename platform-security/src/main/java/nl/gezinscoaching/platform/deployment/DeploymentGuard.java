package nl.gezinscoaching.platform.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Refuses to start a service outside local development while it would run with what the repository gives
 * every developer: the development secrets of {@value #DEVELOPMENT_SECRETS}, demo users, or no secret at all.
 * Local development is chosen explicitly with the {@value #LOCAL_PROFILE} profile ({@code deploy/run-local.sh}
 * and the tests do); every other profile, a misspelled one included, is treated as production. The local profile
 * itself is refused with what only a production has (the production profile too, a database or identity provider on
 * another machine, a master key that is not the development key), so that adding {@code local} to a production's
 * profiles never switches these checks off. Demo users are recognised by name and by password (however encoded),
 * not only by a plain-text password.
 * <p>
 * The secrets an application needs are listed in its own configuration
 * ({@code platform.deployment.required-secrets}); modules add their own {@link DeploymentCheck}s (the services'
 * platform module checks the master key), so an application without that module (the web) is not asked for
 * it. The refusal names each missing or unsafe setting.
 */
public class DeploymentGuard implements EnvironmentPostProcessor, Ordered {

    public static final String LOCAL_PROFILE = "local";
    public static final String DEVELOPMENT_SECRETS = "platform-development.yml";
    /** The demo users of local development: refused elsewhere by name and by password. */
    public static final String DEMO_USERS = "platform-users.yml";
    static final String REQUIRED_SECRETS = "platform.deployment.required-secrets";
    private static final String MASTER_KEYS = "platform.crypto.master-keys";
    private static final String USERS = "platform.security.users";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

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
            List<String> production = localProblems(environment, developmentSecrets());
            if (!production.isEmpty()) {
                throw UnsafeDeploymentException.localWithProduction(production);
            }
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

        List<ConfiguredUser> users = binder.bind(USERS, Bindable.listOf(ConfiguredUser.class)).orElseGet(List::of);
        List<String> plainText = users.stream()
                .filter(user -> user.password() == null || user.password().startsWith("{noop}"))
                .map(ConfiguredUser::username)
                .toList();
        if (!plainText.isEmpty()) {
            problems.add(USERS + " has users with plain-text passwords (demo users?): " + String.join(", ", plainText));
        }
        problems.addAll(demoUserProblems(users, demoUsers()));
        return problems;
    }

    /**
     * The local profile with what only a production has: the production profile, a database on another host, an
     * identity provider elsewhere than this machine, a master key that is not the development key.
     */
    List<String> localProblems(ConfigurableEnvironment environment, Set<String> developmentValues) {
        List<String> problems = new ArrayList<>();
        for (String profile : environment.getActiveProfiles()) {
            if (profile.toLowerCase(Locale.ROOT).startsWith("prod")) {
                problems.add("profile '" + profile + "' is active too");
            }
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank() && !onThisMachine(url)) {
            problems.add("spring.datasource.url names a database on another machine");
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("spring.security.oauth2.") && name.endsWith("issuer-uri")) {
                        String issuer = environment.getProperty(name);
                        if (issuer != null && !issuer.isBlank() && !onThisMachine(issuer)) {
                            problems.add(name + " names an identity provider on another machine");
                        }
                    }
                }
            }
        }
        Binder.get(environment).bind(MASTER_KEYS, Bindable.mapOf(String.class, String.class)).orElseGet(Map::of)
                .forEach((id, key) -> {
                    if (key != null && !key.isBlank() && !developmentValues.contains(key.strip())) {
                        problems.add(MASTER_KEYS + "." + id + " is not the development key");
                    }
                });
        return problems.stream().distinct().toList();
    }

    /** Configured users that are the demo users: by name, or with a demo user's password however it is encoded. */
    static List<String> demoUserProblems(List<ConfiguredUser> users, Map<String, String> demoPasswords) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<String> problems = new ArrayList<>();
        for (ConfiguredUser user : users) {
            if (demoPasswords.containsKey(user.username())) {
                problems.add(USERS + " has the demo user '" + user.username() + "'");
            } else if (user.password() != null && demoPasswords.values().stream()
                    .anyMatch(demo -> matches(encoder, demo, user.password()))) {
                problems.add(USERS + " gives '" + user.username() + "' a demo user's password");
            }
        }
        return problems;
    }

    private static boolean matches(PasswordEncoder encoder, String raw, String encoded) {
        try {
            return encoder.matches(raw, encoded);
        } catch (IllegalArgumentException e) {
            return false; // an encoding this encoder does not know cannot hold a demo password either
        }
    }

    /** The demo users of {@value #DEMO_USERS}: name and plain password. */
    public static Map<String, String> demoUsers() {
        Map<String, Object> properties = properties(DEMO_USERS);
        Map<String, String> users = new LinkedHashMap<>();
        properties.forEach((name, username) -> {
            if (name.startsWith(USERS + "[") && name.endsWith("].username")) {
                String password = String.valueOf(properties.get(
                        name.substring(0, name.length() - "username".length()) + "password"));
                users.put(String.valueOf(username),
                        password.startsWith("{noop}") ? password.substring("{noop}".length()) : password);
            }
        });
        return users;
    }

    /** Whether a JDBC URL or an address names this machine only (every host of a multi-host URL). */
    static boolean onThisMachine(String address) {
        int start = address.indexOf("//");
        if (start < 0) {
            return false;
        }
        String authority = address.substring(start + 2);
        int end = authority.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = authority.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        authority = authority.substring(0, end);
        if (authority.contains("@")) {
            authority = authority.substring(authority.lastIndexOf('@') + 1);
        }
        if (authority.isEmpty()) {
            return false;
        }
        for (String hostAndPort : authority.split(",")) {
            String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
                    : hostAndPort.split(":")[0];
            if (!LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** Every value of the development secrets file: none of them may be used outside local development. */
    public static Set<String> developmentSecrets() {
        Set<String> values = new LinkedHashSet<>();
        properties(DEVELOPMENT_SECRETS).forEach((name, value) -> {
            if (!name.startsWith("spring.")) {
                values.add(String.valueOf(value).strip());
            }
        });
        return values;
    }

    /** Every property of a YAML file on the class path, by name (none when it is not there). */
    private static Map<String, Object> properties(String resource) {
        ClassPathResource file = new ClassPathResource(resource);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (!file.exists()) {
            return properties;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(resource, file)) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        properties.putIfAbsent(name, enumerable.getProperty(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return properties;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
