package io.cutover.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What a run that did not succeed left half-written — a truncated dump, a copy's scratch
 * directory — moved out of {@code backups/} and {@code work/} into {@code partial/},
 * named {@code .partial}: {@code upload-backups} copies {@code backups/} and must only
 * ever find complete backups there, and nobody should mistake such a file for one. Kept
 * rather than deleted, for whoever wants to see how far it got; the log says where it
 * went.
 */
final class PartialOutputs {

    private PartialOutputs() {
    }

    /** Moves each of these files or directories that exists into partial/. */
    static void quarantine(Path workdir, Collection<Path> outputs, Consumer<String> log) {
        for (Path output : outputs) {
            if (!Files.exists(output)) {
                continue;
            }
            Path partial = workdir.resolve(Workspace.PARTIAL);
            Path moved = partial.resolve(output.getFileName() + ".partial");
            try {
                Files.createDirectories(partial);
                for (int n = 2; Files.exists(moved); n++) {
                    moved = partial.resolve(output.getFileName() + "." + n + ".partial");
                }
                Files.move(output, moved);
                log.accept("Moved the incomplete " + workdir.relativize(output) + " to " + workdir.relativize(moved)
                        + ": it is not a usable backup and will not be uploaded");
            }
            catch (IOException e) {
                log.accept("Could not move the incomplete " + workdir.relativize(output) + " out of the way ("
                        + e.getMessage() + "): delete it by hand");
            }
        }
    }

    /**
     * What a copy engine kept in work/ (pgcopydb's state after a failure) once its run
     * ended without success.
     */
    static void sweepWork(Path workdir, Consumer<String> log) {
        sweep(workdir, List.of("work"), Set.of(), log);
    }

    /**
     * After a crash: everything in backups/ that no succeeded run recorded as an
     * artifact, and everything in work/, was being written when the panel stopped.
     */
    static void sweep(Path workdir, Set<Path> artifacts, Consumer<String> log) {
        sweep(workdir, List.of("backups", "work"), artifacts, log);
    }

    private static void sweep(Path workdir, List<String> folders, Set<Path> artifacts, Consumer<String> log) {
        List<Path> leftovers = new ArrayList<>();
        for (String folder : folders) {
            Path dir = workdir.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(p -> !artifacts.contains(p.toAbsolutePath().normalize())).forEach(leftovers::add);
            }
            catch (IOException e) {
                log.accept("Could not look for incomplete outputs in " + dir + ": " + e.getMessage());
            }
        }
        quarantine(workdir, leftovers, log);
    }

}
