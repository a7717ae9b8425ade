package io.cutover.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What answers at a cluster's pooled address, by its pool mode. MPG starts every cluster
 * in session mode (the emulator's {@link SessionPooler}, no PgBouncer needed); only the
 * dashboard's "Update Pool Mode" switches it to transaction mode, which the emulator runs
 * on a real PgBouncer.
 */
final class Pooler {

    static final String SESSION = "session";
    static final String TRANSACTION = "transaction";
    static final String NEEDS_PGBOUNCER = "transaction pool mode cannot be rehearsed: install pgbouncer "
            + "(apt-get install pgbouncer, or brew install pgbouncer)";

    private Pooler() {
    }

    static boolean transaction(MpgCluster cluster) {
        return TRANSACTION.equals(cluster.poolMode);
    }

    /**
     * Starts the cluster's pooler on its pooled port; transaction mode needs
     * {@code pgbouncer}.
     */
    static void start(Path home, MpgCluster cluster, LocalPostgres server, Optional<Path> pgbouncer) {
        if (transaction(cluster)) {
            PgBouncer.start(home, cluster, server, pgbouncer.orElseThrow(() -> new FlyError(NEEDS_PGBOUNCER)));
        }
        else {
            SessionPooler.start(home, cluster, server);
        }
    }

    /**
     * Databases or users changed: PgBouncer must learn them; the session pooler forwards
     * whatever comes.
     */
    static void reload(Path home, MpgCluster cluster, LocalPostgres server) {
        if (transaction(cluster)) {
            PgBouncer.reload(home, cluster, server);
        }
    }

    /**
     * The live pooler of this cluster, if its pid file names one (not a recycled pid, not
     * a zombie).
     */
    static Optional<ProcessHandle> process(MpgCluster cluster) {
        if (cluster.pgbouncerPidFile == null) {
            return Optional.empty();
        }
        String expected = transaction(cluster) ? "pgbouncer" : SessionPooler.MARKER + cluster.id;
        try {
            long pid = Long.parseLong(Files.readString(Path.of(cluster.pgbouncerPidFile)).strip());
            return ProcessHandle.of(pid)
                .filter(Pooler::running)
                .filter(p -> p.info()
                    .commandLine()
                    .or(() -> p.info().command())
                    .map(c -> c.contains(expected))
                    .orElse(true));
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the pooler (SIGTERM: PgBouncer's fast exit, the JVM's orderly one) and waits
     * until it has gone.
     */
    static void stop(MpgCluster cluster) {
        process(cluster).ifPresent(p -> {
            p.destroy();
            Instant deadline = Instant.now().plusSeconds(5);
            while (running(p) && Instant.now().isBefore(deadline)) {
                pause();
            }
            if (running(p)) {
                p.destroyForcibly();
            }
        });
    }

    /**
     * Alive and not a zombie. A daemon is reaped by init, which on some machines takes a
     * second or more; a zombie has already closed its sockets, so it counts as gone.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The state follows the parenthesised command name, which may itself contain
            // spaces.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        }
        catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
