package nl.gezinscoaching.platform.deployment;

import java.util.List;
import java.util.Set;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A part of the start-up guard that belongs to a module rather than to every application: a module that
 * needs a secret of its own (the services' master key, say) lists its check in
 * {@code META-INF/spring.factories}, so exactly the applications that have the module on their classpath
 * run it.
 */
public interface DeploymentCheck {

    /**
     * @param developmentValues every value of the repository's development secrets file: none of them may be
     *                          used outside local development
     * @return one line per missing or unsafe setting, naming it; empty when the deployment is fine
     */
    List<String> problems(ConfigurableEnvironment environment, Set<String> developmentValues);
}
