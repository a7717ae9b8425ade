package io.cutover.copy;

import io.cutover.logstream.RunLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An engine's scratch files: an uncompressed dump is as large as the tables, so it goes
 * once the copy is done.
 */
final class WorkFiles {

    private WorkFiles() {
    }

    /**
     * Never fails the copy it tidies up after: a leftover is reported in the run's log
     * instead.
     */
    static void deleteTree(Path dir, RunLog log) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException | UncheckedIOException e) {
            // fall through to the check below
        }
        if (Files.exists(dir)) {
            log.system("Could not delete " + dir + ": it holds a copy of the data, delete it by hand");
        }
    }

}
