package nl.gezinscoaching.platform.deployment;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up, one line each, what a deployment is missing, and how to fix it. */
class UnsafeDeploymentFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeDeploymentException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeDeploymentException cause) {
        return new FailureAnalysis(
                "The service refuses to start outside local development (profile '" + DeploymentGuard.LOCAL_PROFILE
                        + "' is not active) because:\n  - " + String.join("\n  - ", cause.problems()),
                "Configure the missing secrets from your secret store (deploy/SECURITY.md), or, on a developer's"
                        + " machine only, start with the profile '" + DeploymentGuard.LOCAL_PROFILE
                        + "' (deploy/run-local.sh does).",
                cause);
    }
}
