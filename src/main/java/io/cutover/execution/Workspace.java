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
 * (backups/, logs/, verification/, plus work/ for engines' scratch copies and partial/
 * for what a failed run left), and each run's private scratch directory with its
 * passfile.
 *
 * <p>
 * Passfiles live in one private runtime directory ({@code runtime/}, 0700) that is wiped
 * when the panel starts, before any run: a run removes its own when it ends, and one a
 * crash left behind (kill -9, power loss) lasts until the next start at the latest. Why
 * not the other ways: libpq reads the passfile at every connection attempt (pg_dump -j
 * and pgcopydb open many), so a file deleted once opened would fail the later ones, and
 * libpq tools read no password from stdin.
 */
@Component
class Workspace {

    static final String[] FOLDERS = { "backups", "logs", "verification", "work" };
    static final String PARTIAL = "partial";

    private static final String RUNTIME = "runtime";

    private final Path root;

    private final Path runtime;

    Workspace(PanelProperties panel) {
        Path data = panel.dataDir().toAbsolutePath().normalize();
        this.root = data.resolve("migrations");
        this.runtime = data.resolve(RUNTIME);
        wipeRuntime();
    }

    /**
     * Every passfile a stopped panel left behind goes, in the runtime directory and the
     * older per-migration layout.
     */
    private void wipeRuntime() {
        deleteTree(runtime);
        try {
            Files.createDirectories(runtime.getParent());
            Files.createDirectory(runtime,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (Files.isDirectory(root)) {
                try (Stream<Path> migrations = Files.list(root);
                        Stream<Path> olderRuns = migrations.flatMap(Workspace::oldRunDirs)) {
                    olderRuns.forEach(Workspace::deleteTree);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the runtime directory " + runtime, e);
        }
    }

    private static Stream<Path> oldRunDirs(Path migration) {
        try {
            return Files.isDirectory(migration) ? Files.list(migration)
                .filter(p -> p.getFileName().toString().startsWith(".run-"))
                .toList()
                .stream() : Stream.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path of(long migrationId) {
        Path dir = root.resolve(Long.toString(migrationId));
        try {
            for (String folder : FOLDERS) {
                DataDirectoryPermissions.privateDirectories(dir.resolve(folder));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the working directory " + dir, e);
        }
        return dir;
    }

    /**
     * A 0700 directory for one run holding a 0600 pgpass file with every connection that
     * has a password, so libpq tools authenticate without a password in argv or the
     * environment.
     */
    Path scratch(long migrationId, long runId, ExecutionValues values) {
        Path dir = runtime.resolve("run-" + runId);
        try {
            deleteTree(dir);
            Files.createDirectory(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path passfile = Files.createFile(dir.resolve("pgpass"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            StringBuilder lines = new StringBuilder();
            values.connections().values().forEach(c -> c.password().ifPresent(pw -> {
                lines.append(entry(c.url().host(), c, pw));
                // Tools that resolve a loopback name themselves (pgcopydb) look the
                // password up by address.
                if (c.url().isLoopbackName()) {
                    lines.append(entry("127.0.0.1", c, pw));
                }
            }));
            Files.writeString(passfile, lines);
            return dir;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the run directory " + dir, e);
        }
    }

    void cleanScratch(long runId) {
        deleteTree(runtime.resolve("run-" + runId));
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
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
