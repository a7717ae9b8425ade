package io.cutover.fly;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The Fly adapter's facade: turns a runbook command that starts with {@code fly} or {@code flyctl}
 * into the configured binary, and gives it the migration's token through its environment only.
 */
@Service
public class Flyctl {

    private static final List<String> NAMES = List.of("fly", "flyctl");

    private final FlyProperties properties;

    Flyctl(FlyProperties properties) {
        this.properties = properties;
    }

    public boolean handles(String executable) {
        return NAMES.contains(executable);
    }

    /** The binary to start for a fly/flyctl command. */
    public String binary() {
        return properties.flyctl();
    }

    /**
     * Environment for a flyctl child.
     *
     * @param secrets the migration's decrypted secret parameters
     */
    public Map<String, String> environment(Map<String, String> secrets) {
        Map<String, String> env = new HashMap<>();
        String token = secrets.get(properties.tokenParameter());
        if (token != null && !token.isBlank()) {
            env.put("FLY_API_TOKEN", token);
        }
        // No update prompts or metrics calls in the middle of a migration.
        env.put("FLY_NO_UPDATE_CHECK", "1");
        env.put("FLY_METRICS_DISABLED", "1");
        return env;
    }
}
