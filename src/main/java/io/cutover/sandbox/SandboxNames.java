package io.cutover.sandbox;

import io.cutover.shared.PanelProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The names a rehearsal takes on the shared PostgreSQL server, derived from its data
 * directory unless configured: two sandboxes on one server then never share the Flex
 * stand-in's database or the app's role, and one starting never resets the password the
 * other's app logs in with.
 */
@Component
@Profile("sandbox")
class SandboxNames {

    private final String sourceDatabase;

    private final String appRole;

    SandboxNames(SandboxProperties properties, PanelProperties panel) {
        String suffix = suffix(panel.dataDir().toAbsolutePath().normalize().toString());
        this.sourceDatabase = properties.sourceDatabase().isBlank() ? "fragrant_flower_8144_" + suffix
                : properties.sourceDatabase();
        this.appRole = properties.appRole().isBlank() ? "blockster_app_" + suffix : properties.appRole();
    }

    /** The database that plays the Flex cluster's. */
    String sourceDatabase() {
        return sourceDatabase;
    }

    /** The application's own role on the Flex stand-in, which logs in with a password. */
    String appRole() {
        return appRole;
    }

    /**
     * Eight hex digits of the data directory's path: stable across restarts of the same
     * sandbox.
     */
    static String suffix(String dataDir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dataDir.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
