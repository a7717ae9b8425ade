package io.cutover.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pooled address of a cluster in session mode, MPG's default: every client connection
 * gets a server session of its own for as long as it stays connected, which is what
 * session pooling looks like to a client. So no PgBouncer is needed: a small daemon (its
 * own JVM, in its own session so that the flyctl command that started it may end) copies
 * bytes between each client and the server. Authentication is the server's own
 * (scram-sha-256 for the cluster's roles).
 */
final class SessionPooler {

    static final String MAIN = SessionPooler.class.getName();

    /**
     * Named early on the command line: the JVM reports a long command line cut short, so
     * the main class after a long classpath may be missing from it.
     */
    static final String MARKER = "-Dcutover.emulator.session-pooler=";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private SessionPooler() {
    }

    /** {@code <port> <server host> <server port> <pid file>}: serves until killed. */
    public static void main(String[] args) throws IOException {
        TcpForwarder forwarder = new TcpForwarder(Integer.parseInt(args[0]), args[1], Integer.parseInt(args[2]));
        ServerSocket socket = forwarder.bind();
        Path pidFile = Path.of(args[3]);
        String pid = Long.toString(ProcessHandle.current().pid());
        // Written aside and moved in at once: a reader never sees the pid file
        // half-written.
        Path written = Files.writeString(pidFile.resolveSibling(pidFile.getFileName() + ".new"), pid + "\n");
        Files.move(written, pidFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Thread watch = new Thread(() -> exitWhenDisowned(pidFile, pid), "disowned");
        watch.setDaemon(true);
        watch.start();
        forwarder.serve(socket);
    }

    /**
     * Ends the daemon once its pid file is gone or names another process: the cluster was
     * destroyed, or its emulator home deleted (a test's temporary folder), and nobody
     * would ever stop it otherwise.
     */
    private static void exitWhenDisowned(Path pidFile, String pid) {
        while (true) {
            try {
                Thread.sleep(2000);
                if (!Files.exists(pidFile) || !Files.readString(pidFile).strip().equals(pid)) {
                    System.exit(0);
                }
            }
            catch (IOException e) {
                System.exit(0);
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Starts the daemon on 127.0.0.1:{@code cluster.pgbouncerPort} and waits until it
     * accepts connections.
     */
    static void start(Path home, MpgCluster cluster, LocalPostgres server) {
        Path dir = PgBouncer.directory(home, cluster.id);
        try {
            Files.createDirectories(dir);
            Path pidFile = dir.resolve("session-pooler.pid");
            Files.deleteIfExists(pidFile);
            cluster.pgbouncerPidFile = pidFile.toString();
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid");
            }
            command.addAll(EmulatorLaunch.java(MAIN, "-Xmx32m", MARKER + cluster.id));
            command.addAll(List.of(Integer.toString(cluster.pgbouncerPort), server.serverHost(),
                    Integer.toString(server.serverPort()), pidFile.toString()));
            Path log = dir.resolve("session-pooler.log");
            ChildEnvironment.withoutFlyTokens(new ProcessBuilder(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
            awaitListening(cluster.pgbouncerPort, pidFile, log);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the session pooler of cluster " + cluster.id, e);
        }
    }

    private static void awaitListening(int port, Path pidFile, Path log) throws IOException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(pidFile)) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    return;
                }
                catch (IOException notYet) {
                    // the pid is written just after the bind; the accept loop follows at
                    // once
                }
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlyError("interrupted while starting the session pooler");
            }
        }
        throw new FlyError("the session pooler did not accept connections on port " + port + " within "
                + READY_TIMEOUT.toSeconds() + "s: " + (Files.exists(log) ? Files.readString(log).strip() : ""));
    }

}
