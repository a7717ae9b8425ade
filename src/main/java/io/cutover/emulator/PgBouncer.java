package io.cutover.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real PgBouncer (Debian's 1.18) in transaction pool mode in front of one cluster, as
 * MPG runs it once the dashboard has switched the cluster to transaction mode (see
 * {@link Pooler}). Clients authenticate with SCRAM against an auth_file that holds the
 * plain passwords: with the plain password PgBouncer can both check the client's SCRAM
 * proof and log in to the server, whose pg_hba demands scram-sha-256 for the cluster's
 * roles.
 */
final class PgBouncer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private PgBouncer() {
    }

    static Path directory(Path home, String clusterId) {
        return home.resolve("pgbouncer").resolve(clusterId);
    }

    /**
     * Writes the configuration and starts PgBouncer on
     * 127.0.0.1:{@code cluster.pgbouncerPort}.
     */
    static void start(Path home, MpgCluster cluster, LocalPostgres server, Path binary) {
        Path dir = directory(home, cluster.id);
        try {
            Files.createDirectories(dir);
            writeConfig(dir, cluster, server);
            cluster.pgbouncerPidFile = dir.resolve("pgbouncer.pid").toString();
            Files.deleteIfExists(dir.resolve("pgbouncer.pid"));
            if (runningAsRoot()) {
                // PgBouncer refuses to run as root; it switches to postgres, which must
                // reach its files.
                handOverToPostgres(home, dir);
            }
            List<String> command = runningAsRoot()
                    ? List.of(binary.toString(), "-d", "-u", "postgres", dir.resolve("pgbouncer.ini").toString())
                    : List.of(binary.toString(), "-d", dir.resolve("pgbouncer.ini").toString());
            Process launcher = ChildEnvironment.withoutFlyTokens(new ProcessBuilder(command))
                .redirectErrorStream(true)
                .start();
            String launcherOutput = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (launcher.waitFor() != 0) {
                throw new FlyError("PgBouncer did not start: " + launcherOutput.strip() + logTail(dir));
            }
            awaitListening(cluster.pgbouncerPort, dir);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start PgBouncer for cluster " + cluster.id, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlyError("interrupted while starting PgBouncer");
        }
    }

    /**
     * Rewrites databases and users after a change and tells the running PgBouncer to
     * reload them.
     */
    static void reload(Path home, MpgCluster cluster, LocalPostgres server) {
        Path dir = directory(home, cluster.id);
        try {
            writeConfig(dir, cluster, server);
            if (runningAsRoot()) {
                handOverToPostgres(home, dir);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite PgBouncer configuration", e);
        }
        Pooler.process(cluster).ifPresent(p -> signal("HUP", p.pid()));
    }

    /** A port on 127.0.0.1 that nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void writeConfig(Path dir, MpgCluster cluster, LocalPostgres server) throws IOException {
        String databases = cluster.allDatabases()
            .stream()
            .map(db -> db + " = host=" + server.serverHost() + " port=" + server.serverPort() + " dbname=" + db)
            .collect(Collectors.joining("\n"));
        String ini = """
                ; written by the flyctl emulator for cluster %s
                [databases]
                %s

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = scram-sha-256
                auth_file = %s
                pool_mode = transaction
                max_client_conn = 200
                default_pool_size = 20
                ignore_startup_parameters = extra_float_digits
                pidfile = %s
                logfile = %s
                """.formatted(cluster.id, databases, cluster.pgbouncerPort, dir.resolve("userlist.txt"),
                dir.resolve("pgbouncer.pid"), dir.resolve("pgbouncer.log"));
        Files.writeString(dir.resolve("pgbouncer.ini"), ini);
        String users = Stream
            .concat(Stream.of("\"" + cluster.user + "\" \"" + cluster.password + "\""),
                    cluster.extraUsers.stream().map(u -> "\"" + u.name + "\" \"" + u.password + "\""))
            .collect(Collectors.joining("\n", "", "\n"));
        Path userlist = dir.resolve("userlist.txt");
        Files.writeString(userlist, users);
        Files.setPosixFilePermissions(userlist, PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * Gives the directory and its files to postgres, and lets postgres pass through the
     * emulator's home (only traverse, not list) so it can open its log and pid files
     * after dropping root.
     */
    private static void handOverToPostgres(Path home, Path dir) throws IOException {
        UserPrincipal postgres = FileSystems.getDefault()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName("postgres");
        for (Path above = home.toAbsolutePath().getParent(); above != null; above = above.getParent()) {
            // Folders above the home are not the emulator's to open up; say which one
            // blocks.
            if (!Files.getPosixFilePermissions(above).contains(PosixFilePermission.OTHERS_EXECUTE)
                    && !Files.getOwner(above).equals(postgres)) {
                throw new FlyError("PgBouncer runs as user postgres, which cannot enter " + above
                        + "; put CUTOVER_EMULATOR_HOME where postgres may pass through");
            }
        }
        for (Path traversed : List.of(home, home.resolve("pgbouncer"))) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(traversed);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(traversed, perms);
        }
        Files.setOwner(dir, postgres);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.setOwner(file, postgres);
            }
        }
    }

    private static void awaitListening(int port, Path dir) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            }
            catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new FlyError("PgBouncer did not accept connections on port " + port + " within "
                + READY_TIMEOUT.toSeconds() + "s" + logTail(dir));
    }

    private static String logTail(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("pgbouncer.log"));
            return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (IOException e) {
            return "";
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
