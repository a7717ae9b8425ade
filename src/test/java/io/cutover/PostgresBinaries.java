package io.cutover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Where the installed PostgreSQL server's {@code initdb} and {@code postgres} are. */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    static Path find() {
        List<Path> candidates = new ArrayList<>();
        pgConfigBindir().ifPresent(candidates::add);
        // Debian/Ubuntu keep server binaries off PATH; Homebrew keeps them in
        // opt/postgresql@N.
        for (String parent : List.of("/usr/lib/postgresql", "/opt/homebrew/opt", "/usr/local/opt")) {
            candidates.addAll(newestFirst(Path.of(parent)));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                candidates.add(Path.of(dir));
            }
        }
        return candidates.stream()
            .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres")))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(
                    "The tests start their own PostgreSQL servers and need the server's "
                            + "binaries (initdb, postgres), found in none of " + candidates
                            + ". Install them: apt-get install postgresql "
                            + "(Debian/Ubuntu) or brew install postgresql@15 (macOS)"));
    }

    private static java.util.Optional<Path> pgConfigBindir() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()
                    ? java.util.Optional.of(Path.of(out)) : java.util.Optional.empty();
        }
        catch (IOException e) {
            return java.util.Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /**
     * {@code parent/<version>/bin} or {@code parent/postgresql@<version>/bin}, highest
     * version first.
     */
    private static List<Path> newestFirst(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().matches("(postgresql@?)?\\d+(\\.\\d+)?"))
                .sorted(Comparator.comparingDouble(PostgresBinaries::version).reversed())
                .map(p -> p.resolve("bin"))
                .toList();
        }
        catch (IOException e) {
            return List.of();
        }
    }

    private static double version(Path dir) {
        return Double.parseDouble(dir.getFileName().toString().replaceAll("[^0-9.]", ""));
    }

}
