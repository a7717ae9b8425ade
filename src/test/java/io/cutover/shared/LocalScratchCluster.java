package io.cutover.shared;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Run by {@link LocalPostgresTest} in a JVM of its own as a user other than root (initdb
 * refuses root): starts {@link LocalPostgres} in {@code args[0]}, prints the user,
 * binaries and port, keeps the server until its stdin closes, then stops it.
 */
final class LocalScratchCluster {

    private LocalScratchCluster() {
    }

    public static void main(String[] args) throws IOException {
        Path bin = LocalPostgres.binaries().orElseThrow();
        try (PanelPostgres server = LocalPostgres.start(bin, Path.of(args[0]))) {
            System.out
                .println("user=" + System.getProperty("user.name") + " bin=" + bin + " port=" + server.admin().port());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // wait for the test to close stdin
            }
        }
        System.out.println("stopped");
    }

}
