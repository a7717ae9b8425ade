package io.cutover.execution;

import io.cutover.fly.Flyctl;
import io.cutover.migration.MigrationManagement;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Read-only flyctl commands the panel asks itself before it lets a step start (which
 * database the app's machines use right now): the migration's token in the environment,
 * the steps' PATH, a short timeout. Not a run: the answer is handed to the caller and
 * never logged, since it may carry a secret's value.
 */
@Service
public class FlyctlQueries {

    private final ProcessLauncher launcher;

    private final Flyctl flyctl;

    private final MigrationManagement migrations;

    FlyctlQueries(ProcessLauncher launcher, Flyctl flyctl, MigrationManagement migrations) {
        this.launcher = launcher;
        this.flyctl = flyctl;
        this.migrations = migrations;
    }

    /**
     * What flyctl answered: its exit code, its standard output, and what its error output
     * means.
     */
    public record Answer(int exitCode, List<String> stdout, String problem) {

        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * @param args flyctl's arguments, without the program name
     */
    public Answer ask(long migrationId, List<String> args, Duration timeout) {
        Map<String, String> env = launcher.panelEnvironment();
        env.putAll(flyctl.environment(migrations.executionValues(migrationId).secrets()));
        List<String> argv = new ArrayList<>();
        try {
            argv.add(ToolLocator.locate(flyctl.binary(), env.get("PATH")));
        }
        catch (RuntimeException missing) {
            return new Answer(-1, List.of(), missing.getMessage());
        }
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Answer(-1, List.of(), "flyctl " + String.join(" ", args.subList(0, Math.min(2, args.size())))
                        + " did not answer within " + timeout);
            }
            List<String> errors = err.get(5, TimeUnit.SECONDS).lines().toList();
            String problem = process.exitValue() == 0 ? null
                    : flyctl.explain(errors)
                        .orElse(errors.stream()
                            .filter(l -> !l.isBlank())
                            .reduce((a, b) -> b)
                            .orElse("exit code " + process.exitValue()));
            return new Answer(process.exitValue(), out.get(5, TimeUnit.SECONDS).lines().toList(), problem);
        }
        catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Answer(-1, List.of(), "Could not run flyctl: " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, List.of(), "Interrupted while asking flyctl");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            return "";
        }
    }

}
