package io.cutover.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Programs of this host the emulator and the sandbox use: found on the PATH, then where
 * Debian (/usr/sbin, for PgBouncer) and Homebrew put them, and asked their version.
 */
public final class HostTools {

    private static final List<String> USUAL_DIRECTORIES = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin",
            "/opt/homebrew/bin");

    private HostTools() {
    }

    /**
     * {@code nameOrPath} itself if it contains a slash, else the first executable of that
     * name; empty when not installed.
     */
    public static Optional<Path> find(String nameOrPath) {
        if (nameOrPath.contains("/")) {
            return Optional.of(Path.of(nameOrPath)).filter(HostTools::runnable);
        }
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(USUAL_DIRECTORIES);
        return dirs.stream()
            .filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, nameOrPath))
            .filter(HostTools::runnable)
            .findFirst();
    }

    /**
     * The first line {@code program --version} prints, or empty when it does not answer
     * within 10 s.
     */
    public static Optional<String> version(Path program) {
        try {
            Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return out.lines().findFirst().map(String::strip);
        }
        catch (IOException e) {
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean runnable(Path p) {
        return Files.isExecutable(p) && !Files.isDirectory(p);
    }

}
