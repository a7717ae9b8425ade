package io.cutover;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * Test servers from the PostgreSQL binaries installed here, each a fresh cluster
 * ({@code initdb}) in one temporary directory, on a free port, listening on 127.0.0.1
 * only. {@code initdb} and {@code postgres} refuse to run as root, so a root JVM runs
 * them as the OS user {@code postgres}.
 *
 * <p>
 * Nothing outlives the run: a shutdown hook stops the servers and deletes the directory,
 * and a watchdog in its own session does the same once the JVM's pid is gone (a JVM
 * killed with SIGKILL runs no hook). Settings that make a throwaway server fast (no
 * fsync) are added; a crash loses nothing anyone keeps.
 */
final class LocalClusters implements TestPostgres.Servers {

    private static final String OS_USER = "postgres";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final boolean root = "root".equals(System.getProperty("user.name"));

    private final Path bin = PostgresBinaries.find();

    private final Path home;

    private final List<Process> started = new ArrayList<>();

    LocalClusters() {
        try {
            home = Files.createTempDirectory("cutover-test-pg-");
            if (root) {
                Files.setOwner(home, owner());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "test-postgres-stop"));
        startWatchdog();
    }

    @Override
    public synchronized TestPostgres.Server start(TestPostgres.Kind kind) {
        Path dir = home.resolve(kind.name().toLowerCase());
        Path data = dir.resolve("data");
        try {
            Files.createDirectory(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (root) {
                Files.setOwner(dir, owner());
            }
            run(dir.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
            Files.writeString(data.resolve("pg_hba.conf"), hba(kind));
            int port = freePort();
            List<String> command = asUser(bin.resolve("postgres").toString(), "-D", data.toString(), "-p",
                    String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir,
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
            for (var setting : kind.settings.entrySet()) {
                command.add("-c");
                command.add(setting.getKey() + "=" + setting.getValue());
            }
            File log = dir.resolve("postgres.log").toFile();
            Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
            started.add(server);
            TestPostgres.Server running = new TestPostgres.Server("127.0.0.1", port);
            awaitReady(running, server, dir.resolve("postgres.log"));
            return running;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start a test PostgreSQL (" + kind + ") in " + dir, e);
        }
    }

    private static String hba(TestPostgres.Kind kind) {
        String passwords = kind.passwordGroup
                ? "host all +" + TestPostgres.PASSWORD_GROUP + " 127.0.0.1/32 scram-sha-256\n" + "host replication +"
                        + TestPostgres.PASSWORD_GROUP + " 127.0.0.1/32 scram-sha-256\n"
                : "";
        return "local all all trust\n" + passwords
                + "host all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n";
    }

    /**
     * Polls until the server takes a connection; a server that exits fails at once with
     * its log.
     */
    private static void awaitReady(TestPostgres.Server server, Process process, Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "test PostgreSQL exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Connection ignored = server.connect("postgres")) {
                return;
            }
            catch (SQLException e) {
                last = e;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                "test PostgreSQL did not answer within " + START_TIMEOUT + ":\n" + Files.readString(log), last);
    }

    /**
     * Fast shutdown (SIGINT: ends sessions, then stops), then the whole directory goes.
     */
    private synchronized void stopAll() {
        for (Process server : started) {
            signal("INT", server.pid());
        }
        for (Process server : started) {
            try {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    signal("KILL", server.pid());
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        FileSystemUtils.deleteRecursively(home.toFile());
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(10, TimeUnit.SECONDS);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A shell in its own session (so neither a terminal's Ctrl-C nor a kill of the
     * build's process group takes it along) that waits for this JVM to disappear, then
     * stops every server whose postmaster.pid is still in the directory and deletes it.
     * After a normal end the directory is already gone and the watchdog just exits.
     */
    private void startWatchdog() {
        String script = """
                jvm=$1; home=$2
                while kill -0 "$jvm" 2>/dev/null && [ -d "$home" ]; do sleep 1; done
                [ -d "$home" ] || exit 0
                for pidfile in "$home"/*/data/postmaster.pid; do
                    [ -f "$pidfile" ] || continue
                    pid=$(head -n 1 "$pidfile")
                    kill -INT "$pid" 2>/dev/null
                    n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 300 ]; do sleep 0.1; n=$((n+1)); done
                    kill -KILL "$pid" 2>/dev/null
                done
                rm -rf "$home"
                """;
        try {
            new ProcessBuilder("setsid", "sh", "-c", script, "test-postgres-watchdog",
                    String.valueOf(ProcessHandle.current().pid()), home.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the watchdog that stops test servers when the JVM dies", e);
        }
    }

    private void run(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(asUser(command)).redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs as {@code postgres} when this JVM is root: setpriv execs the program itself,
     * so its pid is the server's.
     */
    private List<String> asUser(String... command) {
        List<String> argv = new ArrayList<>();
        if (root) {
            argv.addAll(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--"));
        }
        argv.addAll(List.of(command));
        return argv;
    }

    private UserPrincipal owner() throws IOException {
        try {
            return home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        }
        catch (IOException e) {
            throw new IOException("the tests run as root, and initdb refuses root: create the OS user '" + OS_USER
                    + "' (installing the PostgreSQL server does) or run the tests as another user", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
