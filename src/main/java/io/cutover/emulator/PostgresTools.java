package io.cutover.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL client programs the emulator runs for real. Passwords reach them only
 * through PGPASSWORD in their environment, never on the command line where {@code ps}
 * would show them.
 */
final class PostgresTools {

    private PostgresTools() {
    }

    /** Creates {@code dir} readable by its owner only: dumps hold the databases' data. */
    static Path privateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** {@code pg_dump -Fc} of the URL's database into {@code file}. */
    static void dump(PostgresUrl source, Path file) {
        List<String> command = new ArrayList<>(List.of("pg_dump", "-Fc", "-f", file.toString()));
        command.addAll(connectionArgs(source));
        runToCompletion("pg_dump", command, source);
    }

    /**
     * {@code pg_restore} of {@code file} into an empty database, every object owned by
     * {@code owner} (a restored cluster's own user).
     */
    static void restoreOwnedBy(PostgresUrl target, Path file, String owner) {
        List<String> command = new ArrayList<>(
                List.of("pg_restore", "--no-owner", "--no-acl", "--role=" + owner, "--exit-on-error"));
        command.addAll(connectionArgs(target));
        command.add(file.toString());
        runToCompletion("pg_restore", command, target);
    }

    /**
     * Interactive {@code psql}: inherits the terminal when given the process's own
     * streams.
     */
    static int psql(PostgresUrl target, InputStream stdin, PrintStream out, PrintStream err) {
        List<String> command = new ArrayList<>(List.of("psql"));
        command.addAll(connectionArgs(target));
        ProcessBuilder builder = builder(command, target);
        boolean ownTerminal = stdin == System.in && out == System.out && err == System.err;
        if (ownTerminal) {
            builder.inheritIO();
        }
        try {
            Process process = builder.start();
            if (!ownTerminal) {
                Thread feeder = pump(stdin, process.getOutputStream(), true);
                Thread printer = pump(process.getInputStream(), out, false);
                Thread complainer = pump(process.getErrorStream(), err, false);
                int status = process.waitFor();
                printer.join();
                complainer.join();
                feeder.interrupt();
                return status;
            }
            return process.waitFor();
        }
        catch (IOException e) {
            throw new FlyError("failed to start psql: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlyError("interrupted while psql ran");
        }
    }

    private static List<String> connectionArgs(PostgresUrl url) {
        return List.of("-h", url.connectHost(), "-p", Integer.toString(url.port()), "-U", url.user(), "-d",
                url.database());
    }

    private static ProcessBuilder builder(List<String> command, PostgresUrl url) {
        ProcessBuilder builder = ChildEnvironment.withoutFlyTokens(new ProcessBuilder(command));
        builder.environment().remove("PGPASSWORD");
        if (url.password() != null) {
            builder.environment().put("PGPASSWORD", url.password());
        }
        return builder;
    }

    private static void runToCompletion(String tool, List<String> command, PostgresUrl url) {
        ProcessBuilder builder = builder(command, url).redirectErrorStream(true);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                throw new FlyError(tool + " failed with exit status " + status + ": " + output.strip());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("failed to run " + tool, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlyError("interrupted while " + tool + " ran");
        }
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeWhenDone) {
        Thread thread = new Thread(() -> {
            try {
                from.transferTo(to);
                to.flush();
                if (closeWhenDone) {
                    to.close();
                }
            }
            catch (IOException ignored) {
                // the other side went away: psql exited or our caller closed its stream
            }
        }, "psql-stream");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

}
