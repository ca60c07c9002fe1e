package nl.gezinscoaching.platform.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.gezinscoaching.platform.deployment.DeploymentCheck;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The start-up guard's check of the master key, in every application that encrypts personal data (the
 * services): it is set, the current one exists, and none is the repository's development key. Registered
 * in {@code META-INF/spring.factories}, so an application without this module is not asked for a key it
 * never uses.
 */
final class MasterKeyDeploymentCheck implements DeploymentCheck {

    private static final String MASTER_KEY_ID = "platform.crypto.master-key-id";
    private static final String MASTER_KEYS = "platform.crypto.master-keys";

    @Override
    public List<String> problems(ConfigurableEnvironment environment, Set<String> developmentValues) {
        List<String> problems = new ArrayList<>();
        String masterKeyId = environment.getProperty(MASTER_KEY_ID);
        Map<String, String> masterKeys = Binder.get(environment)
                .bind(MASTER_KEYS, Bindable.mapOf(String.class, String.class))
                .orElseGet(TreeMap::new);
        if (masterKeyId == null || masterKeyId.isBlank()) {
            problems.add(MASTER_KEY_ID + " is not set (the master key that wraps the families' data keys)");
        } else if (masterKeys.get(masterKeyId) == null || masterKeys.get(masterKeyId).isBlank()) {
            problems.add(MASTER_KEYS + "." + masterKeyId + " is not set (the current master key)");
        }
        masterKeys.forEach((id, value) -> {
            if (value != null && developmentValues.contains(value.strip())) {
                problems.add(MASTER_KEYS + "." + id + " is the repository's development master key");
            }
        });
        return problems;
    }
}
