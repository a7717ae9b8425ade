package io.cutover.shared;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster from the machine's own server binaries (the image
 * installs postgresql-17): initdb in a directory of the data volume, trust authentication
 * on 127.0.0.1 and a free port, a unix socket directory inside that directory, started
 * with pg_ctl. Closing it stops the server and deletes the directory; a directory a
 * killed panel left is stopped and deleted before the next start. Not as root: initdb
 * refuses root.
 */
public final class LocalPostgres {

    private static final Path DEBIAN_SERVERS = Path.of("/usr/lib/postgresql");

    private static final long TIMEOUT_SECONDS = 120;

    private LocalPostgres() {
    }

    /**
     * The directory holding initdb, pg_ctl and postgres: the newest major under
     * /usr/lib/postgresql/N/bin (Debian/Ubuntu keep server binaries off PATH), else the
     * first on PATH.
     */
    public static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(DEBIAN_SERVERS)) {
            try (Stream<Path> majors = Files.list(DEBIAN_SERVERS)) {
                majors.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString()))
                        .reversed())
                    .forEach(p -> candidates.add(p.resolve("bin")));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir));
            }
        }
        return candidates.stream().filter(LocalPostgres::hasServer).findFirst();
    }

    private static boolean hasServer(Path dir) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(name -> Files.isExecutable(dir.resolve(name)));
    }

    /** "postgres (PostgreSQL) 17.2" of the binaries in {@code bin}. */
    public static String version(Path bin) throws IOException {
        Path out = Files.createTempFile("cutover-postgres-version", ".txt");
        try {
            run(out, bin.resolve("postgres").toString(), "--version");
            return Files.readString(out).trim();
        }
        finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Starts a fresh cluster in {@code directory} (replacing whatever is there) with the
     * binaries in {@code bin}.
     */
    public static PanelPostgres start(Path bin, Path directory) throws IOException {
        Path data = directory.resolve("data");
        if (Files.isDirectory(data)) {
            stop(bin, data, "immediate"); // a server a killed panel left running
            delete(directory);
        }
        Files.createDirectories(directory.getParent());
        Files.createDirectory(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        run(directory.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync");
        int port = freePort();
        // A scratch server keeps nothing worth an fsync: a crash costs one restore-test,
        // which runs again.
        Files.writeString(data.resolve("postgresql.conf"),
                "\nport = " + port + "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '"
                        + directory.toString().replace("'", "''")
                        + "'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Path log = directory.resolve("postgres.log");
        try {
            run(directory.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(), "start", "-D", data.toString(), "-l",
                    log.toString(), "-w", "-t", "60");
        }
        catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + (Files.exists(log) ? "\n" + Files.readString(log) : ""),
                    e);
        }
        ConnectionUrl admin = ConnectionUrl.parse("postgres://postgres@127.0.0.1:" + port + "/postgres").url();
        return PanelPostgres.started(admin, () -> {
            stop(bin, data, "fast");
            delete(directory);
        });
    }

    private static void stop(Path bin, Path data, String mode) throws IOException {
        Path log = data.resolveSibling("pg_ctl-stop.log");
        try {
            run(log, bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", mode, "-w", "-t", "60");
        }
        catch (IllegalStateException notRunning) {
            // pg_ctl says why in its log; a server that is not running needs no stopping
        }
    }

    private static void run(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
