package io.cutover.execution;

import io.cutover.shared.InvalidInputException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a step's executable before anything starts, so a missing tool fails at once with
 * what is missing and how to install it, instead of half-way through a phase.
 */
final class ToolLocator {

    private static final Map<String, String> INSTALL = Map.of("pg_dump",
            "PostgreSQL client tools of at least the server's major version: apt-get install postgresql-client-17",
            "pg_restore",
            "PostgreSQL client tools of at least the server's major version: apt-get install postgresql-client-17",
            "psql", "PostgreSQL client tools: apt-get install postgresql-client-17", "flyctl",
            "flyctl: curl -L https://fly.io/install.sh | sh (or set cutover.fly.flyctl to its path)", "aws",
            "the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html", "pgcopydb",
            "pgcopydb: apt-get install pgcopydb", "curl", "curl: apt-get install curl", "gzip",
            "gzip: apt-get install gzip");

    private ToolLocator() {
    }

    /**
     * The absolute path of {@code executable} on {@code path}, or a failure naming the
     * fix.
     */
    static String locate(String executable, String path) {
        if (executable.contains("/")) {
            Path p = Path.of(executable);
            if (Files.isExecutable(p)) {
                return p.toAbsolutePath().toString();
            }
            throw missing(executable, p.getFileName().toString());
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))
                    && !Files.isDirectory(Path.of(dir, executable))) {
                return Path.of(dir, executable).toAbsolutePath().toString();
            }
        }
        throw missing(executable, executable);
    }

    /** Like {@link #locate}, for a tool the panel can do without. */
    static Optional<String> find(String executable, String path) {
        try {
            return Optional.of(locate(executable, path));
        }
        catch (InvalidInputException absent) {
            return Optional.empty();
        }
    }

    private static InvalidInputException missing(String given, String name) {
        String how = Optional.ofNullable(INSTALL.get(name))
            .map(h -> " Install " + h + ".")
            .orElse(" Install it or put it on the panel's PATH.");
        return new InvalidInputException(
                "'" + given + "' is not installed on the panel's host (not found on its PATH)." + how);
    }

}
