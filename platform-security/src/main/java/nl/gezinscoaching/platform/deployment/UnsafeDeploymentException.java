package nl.gezinscoaching.platform.deployment;

import java.util.List;

/**
 * A service was started outside local development without the secrets and settings production needs, or with the
 * local profile and settings of a production.
 */
public class UnsafeDeploymentException extends IllegalStateException {

    private final List<String> problems;

    UnsafeDeploymentException(List<String> problems) {
        this("Refusing to start outside local development (profile '" + DeploymentGuard.LOCAL_PROFILE
                + "' is not active): ", problems);
    }

    private UnsafeDeploymentException(String why, List<String> problems) {
        super(why + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The local profile was chosen together with settings of a production. */
    static UnsafeDeploymentException localWithProduction(List<String> problems) {
        return new UnsafeDeploymentException("Refusing to start: profile '" + DeploymentGuard.LOCAL_PROFILE
                + "' (local development: demo users, the repository's secrets) together with production settings: ",
                problems);
    }

    public List<String> problems() {
        return problems;
    }
}
