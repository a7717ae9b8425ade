package io.cutover.execution;

import io.cutover.migration.ExecutionValues;
import io.cutover.shared.PanelProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.cutover.shared.DataDirectoryPermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Each migration's working directory under the data directory, laid out like the seed's
 * (backups/, logs/, verification/), and each run's private scratch directory with its passfile.
 */
@Component
class Workspace {

    static final String[] FOLDERS = {"backups", "logs", "verification"};

    private final Path root;

    Workspace(PanelProperties panel) {
        this.root = panel.dataDir().toAbsolutePath().normalize().resolve("migrations");
    }

    Path of(long migrationId) {
        Path dir = root.resolve(Long.toString(migrationId));
        try {
            for (String folder : FOLDERS) {
                DataDirectoryPermissions.privateDirectories(dir.resolve(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the working directory " + dir, e);
        }
        return dir;
    }

    /**
     * A 0700 directory for one run holding a 0600 pgpass file with every connection that has a
     * password, so libpq tools authenticate without a password in argv or the environment.
     */
    Path scratch(long migrationId, long runId, ExecutionValues values) {
        Path dir = of(migrationId).resolve(".run-" + runId);
        try {
            deleteTree(dir);
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path passfile = Files.createFile(dir.resolve("pgpass"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            StringBuilder lines = new StringBuilder();
            values.connections().values().forEach(c -> c.password().ifPresent(pw -> {
                lines.append(entry(c.url().host(), c, pw));
                // Tools that resolve a loopback name themselves (pgcopydb) look the password up by address.
                if (c.url().isLoopbackName()) {
                    lines.append(entry("127.0.0.1", c, pw));
                }
            }));
            Files.writeString(passfile, lines);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the run directory " + dir, e);
        }
    }

    void cleanScratch(long migrationId, long runId) {
        deleteTree(root.resolve(Long.toString(migrationId)).resolve(".run-" + runId));
    }

    private static String entry(String host, ExecutionValues.Connection c, String password) {
        return escape(host) + ":" + c.url().port() + ":*:" + escape(c.url().user()) + ":" + escape(password) + "\n";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace(":", "\\:");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
