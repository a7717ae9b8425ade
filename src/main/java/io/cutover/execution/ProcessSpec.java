package io.cutover.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.modulith.NamedInterface;

/**
 * A command (or pipeline) to run the way a command step runs: no shell, the migration's
 * working directory, its passfile, and every output line through the run's log.
 *
 * @param commands one argv, or several joined by pipes
 * @param stdin text written to the first command's standard input (may hold secrets), or
 * null
 * @param stdoutFile the last command's raw standard output goes to this file instead of
 * the log
 * @param teeFile a redacted copy of every output line, or null
 * @param environment extra variables for the children
 * @param timeout after this the process tree is ended and the run is TIMED_OUT
 * @param successExitCodes exit codes every stage may end with for the run to succeed
 * @param stdoutLines receives each raw stdout line too (for parsing); null for none
 * @param logStdout whether stdout lines are written to the log
 * @param stderrLines receives each raw stderr line too (progress of pg_restore -v); null
 * for none
 * @param quiet neither the command nor its output is logged (for polling helpers such as
 * progress)
 */
@NamedInterface("spi")
public record ProcessSpec(List<List<String>> commands, String stdin, Path stdoutFile, Path teeFile,
        Map<String, String> environment, Duration timeout, List<Integer> successExitCodes, Consumer<String> stdoutLines,
        boolean logStdout, Consumer<String> stderrLines, boolean quiet) {

    public ProcessSpec {
        commands = commands.stream().map(List::copyOf).toList();
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        successExitCodes = successExitCodes == null || successExitCodes.isEmpty() ? List.of(0)
                : List.copyOf(successExitCodes);
    }

    /** One argv, output to the log, exit code 0 is success. */
    public static ProcessSpec of(List<String> argv, Duration timeout) {
        return new ProcessSpec(List.of(argv), null, null, null, Map.of(), timeout, List.of(0), null, true, null, false);
    }

    /** One pipeline, output to the log. */
    public static ProcessSpec pipeline(List<List<String>> commands, Duration timeout) {
        return new ProcessSpec(commands, null, null, null, Map.of(), timeout, List.of(0), null, true, null, false);
    }

    public ProcessSpec withStdoutLines(Consumer<String> consumer, boolean alsoLog) {
        return new ProcessSpec(commands, stdin, stdoutFile, teeFile, environment, timeout, successExitCodes, consumer,
                alsoLog, stderrLines, quiet);
    }

    public ProcessSpec withStderrLines(Consumer<String> consumer) {
        return new ProcessSpec(commands, stdin, stdoutFile, teeFile, environment, timeout, successExitCodes,
                stdoutLines, logStdout, consumer, quiet);
    }

    public ProcessSpec withEnvironment(Map<String, String> env) {
        return new ProcessSpec(commands, stdin, stdoutFile, teeFile, env, timeout, successExitCodes, stdoutLines,
                logStdout, stderrLines, quiet);
    }

    public ProcessSpec withStdoutFile(Path file) {
        return new ProcessSpec(commands, stdin, file, teeFile, environment, timeout, successExitCodes, stdoutLines,
                logStdout, stderrLines, quiet);
    }

    /**
     * Runs without logging the command or its output; consumers still receive the lines.
     */
    public ProcessSpec quietly() {
        return new ProcessSpec(commands, stdin, stdoutFile, teeFile, environment, timeout, successExitCodes,
                stdoutLines, false, stderrLines, true);
    }

    public ProcessSpec withSuccessExitCodes(List<Integer> codes) {
        return new ProcessSpec(commands, stdin, stdoutFile, teeFile, environment, timeout, codes, stdoutLines,
                logStdout, stderrLines, quiet);
    }
}
