package nl.gezinscoaching.platform.deployment;

import java.util.List;

/** A service was started outside local development without the secrets and settings production needs. */
public class UnsafeDeploymentException extends IllegalStateException {

    private final List<String> problems;

    UnsafeDeploymentException(List<String> problems) {
        super("Refusing to start outside local development (profile '" + DeploymentGuard.LOCAL_PROFILE
                + "' is not active): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
