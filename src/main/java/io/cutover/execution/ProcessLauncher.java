package io.cutover.execution;

import io.cutover.fly.Flyctl;
import io.cutover.runbook.CommandLine;
import io.cutover.shared.InvalidInputException;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Starts child processes for runs: argv only (a pipeline is joined by the JVM, never by a
 * shell), a clean environment with only allow-listed variables, the run's passfile, stdin
 * written by a thread of its own, every output line read as it comes, and the whole tree
 * ended on timeout or cancel. The exit codes decide the result.
 */
@Component
class ProcessLauncher {

    private static final long READER_DRAIN_MILLIS = 10_000;

    /**
     * The one thread that forks children: it lives as long as the panel (see
     * {@link #resolve}).
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "child-spawner");
        t.setDaemon(true);
        return t;
    });

    private final ExecutionProperties properties;

    private final Flyctl flyctl;

    private final int maxLineLength = 8192;

    ProcessLauncher(ExecutionProperties properties, Flyctl flyctl) {
        this.properties = properties;
        this.flyctl = flyctl;
    }

    ProcessResult run(RunContext ctx, ProcessSpec spec) throws InterruptedException {
        Map<String, String> env = baseEnvironment(ctx);
        env.putAll(spec.environment());
        Optional<String> refused = spec.commands().stream().map(flyctl::refusal).flatMap(Optional::stream).findFirst();
        if (refused.isPresent()) {
            return ProcessResult.notStarted(spec.successExitCodes(), refused.get());
        }
        List<List<String>> argv;
        try {
            argv = resolve(spec.commands(), env, ctx);
        }
        catch (InvalidInputException missing) {
            return ProcessResult.notStarted(spec.successExitCodes(), missing.getMessage());
        }
        if (!spec.quiet()) {
            ctx.log.system("$ " + ctx.redactor.redact(CommandLine.join(spec.commands())));
        }
        List<Process> processes;
        try {
            processes = start(argv, env, ctx.workdir, spec);
        }
        catch (IOException e) {
            return ProcessResult.notStarted(spec.successExitCodes(),
                    "Could not start " + spec.commands().get(0).get(0) + ": " + e.getMessage());
        }
        ctx.track(processes);
        boolean fly = spec.commands().stream().anyMatch(c -> flyctl.handles(c.get(0)));
        try {
            return await(ctx, spec, processes, fly);
        }
        finally {
            ctx.untrack(processes);
        }
    }

    private ProcessResult await(RunContext ctx, ProcessSpec spec, List<Process> processes, boolean fly)
            throws InterruptedException {
        List<Thread> readers = new ArrayList<>();
        // The last error lines tell the Fly adapter (or FailureExplanations) what went
        // wrong.
        java.util.Deque<String> errors = new java.util.concurrent.ConcurrentLinkedDeque<>();
        BufferedWriter tee = spec.teeFile() == null ? null : openTee(spec.teeFile());
        Process last = processes.get(processes.size() - 1);
        for (Process p : processes) {
            readers.add(read(p.getErrorStream(), line -> {
                errors.addLast(line);
                while (errors.size() > 50) {
                    errors.pollFirst();
                }
                if (spec.stderrLines() != null) {
                    spec.stderrLines().accept(line);
                }
                if (!spec.quiet()) {
                    ctx.log.err(line);
                }
            }, "stderr-" + p.pid()));
        }
        if (spec.stdoutFile() == null) {
            readers.add(read(last.getInputStream(), stdoutHandler(ctx, spec, tee), "stdout-" + last.pid()));
        }
        if (spec.stdin() != null) {
            writeStdin(processes.get(0), spec.stdin());
        }
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        boolean timedOut = false;
        for (Process p : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                timedOut = !ctx.cancelled();
                break;
            }
        }
        if (timedOut) {
            ctx.log.system("Timed out after " + spec.timeout() + ": ending the process tree");
            ProcessTree.terminate(processes.stream().map(Process::toHandle).toList(), ctx.killGrace());
        }
        for (Process p : processes) {
            p.waitFor();
        }
        drain(readers, processes);
        closeQuietly(tee);
        List<Integer> codes = processes.stream().map(Process::exitValue).toList();
        boolean failed = !new ProcessResult(codes, timedOut, ctx.cancelled(), spec.successExitCodes(), null, null)
            .succeeded();
        String explanation = fly && failed ? flyctl.explain(List.copyOf(errors)).orElse(null) : null;
        if (explanation == null && failed) {
            explanation = FailureExplanations
                .explain(List.copyOf(errors), spec.commands(), codes, spec.successExitCodes())
                .orElse(null);
        }
        return new ProcessResult(codes, timedOut, ctx.cancelled(), spec.successExitCodes(), null, explanation);
    }

    private Consumer<String> stdoutHandler(RunContext ctx, ProcessSpec spec, BufferedWriter tee) {
        return line -> {
            if (spec.stdoutLines() != null) {
                spec.stdoutLines().accept(line);
            }
            if (spec.logStdout()) {
                ctx.log.out(line);
            }
            if (tee != null) {
                try {
                    tee.write(ctx.redactor.redact(line));
                    tee.newLine();
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private List<Process> start(List<List<String>> argv, Map<String, String> env, Path workdir, ProcessSpec spec)
            throws IOException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            ProcessBuilder b = new ProcessBuilder(argv.get(i)).directory(workdir.toFile());
            b.environment().clear();
            b.environment().putAll(env);
            if (i == 0 && spec.stdin() == null) {
                b.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            if (i == argv.size() - 1 && spec.stdoutFile() != null) {
                Files.createDirectories(spec.stdoutFile().getParent());
                b.redirectOutput(spec.stdoutFile().toFile());
            }
            builders.add(b);
        }
        try {
            return SPAWNER.submit(() -> builders.size() == 1 ? List.of(builders.get(0).start())
                    : ProcessBuilder.startPipeline(builders))
                .get();
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
    }

    /**
     * Absolute executables, each stage in a session of its own: some tools (pgcopydb
     * among them) signal their whole process group when they stop, which must never reach
     * the panel. And each dies with the panel: {@code setpriv --pdeathsig TERM} asks
     * Linux to send it SIGTERM when its parent goes, however the panel ends (kill -9
     * included), and the signal survives the exec of setsid and of the tool itself, so a
     * pg_dump never goes on reading a source for nobody. TERM rather than KILL: pg_dump
     * -j, pg_restore -j and pgcopydb end their own workers on TERM. Linux ties the
     * parent-death signal to the thread that forked, so every child is started by
     * {@link #SPAWNER}, a thread that lives as long as the panel; workers that come and
     * go never take children with them. Where setpriv is missing (not Linux), children
     * run without it and a restart still ends what outlived the panel (restart recovery).
     */
    private List<List<String>> resolve(List<List<String>> commands, Map<String, String> env, RunContext ctx) {
        List<List<String>> resolved = new ArrayList<>();
        String path = env.getOrDefault("PATH", "");
        String system = path + File.pathSeparator + "/usr/bin:/bin";
        String setsid = ToolLocator.locate("setsid", system);
        Optional<String> setpriv = ToolLocator.find("setpriv", system);
        for (List<String> argv : commands) {
            List<String> copy = new ArrayList<>(argv);
            String executable = copy.get(0);
            if (flyctl.handles(executable)) {
                executable = flyctl.binary();
                env.putAll(flyctl.environment(ctx.values.secrets()));
            }
            copy.set(0, ToolLocator.locate(executable, path));
            copy.add(0, "--wait");
            copy.add(0, setsid);
            setpriv.ifPresent(p -> copy.addAll(0, List.of(p, "--pdeathsig", "TERM")));
            resolved.add(copy);
        }
        return resolved;
    }

    /**
     * Only allow-listed variables of the panel's environment: its own secrets stay with
     * it.
     */
    private Map<String, String> baseEnvironment(RunContext ctx) {
        Map<String, String> env = panelEnvironment();
        env.put("PGPASSFILE", ctx.scratch.resolve("pgpass").toString());
        env.put("PGCONNECT_TIMEOUT", "10");
        env.put("PGAPPNAME", "cutover");
        env.put("LC_ALL", env.getOrDefault("LC_ALL", "C.UTF-8"));
        return env;
    }

    /**
     * The allow-listed variables of the panel's environment and the steps' PATH (extra
     * path first).
     */
    Map<String, String> panelEnvironment() {
        Map<String, String> env = new HashMap<>();
        Map<String, String> own = System.getenv();
        properties.passEnvironment().forEach(name -> {
            if (own.containsKey(name)) {
                env.put(name, own.get(name));
            }
        });
        String extra = properties.extraPath()
            .stream()
            .map(p -> p.toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
        String path = own.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("PATH", extra.isEmpty() ? path : extra + File.pathSeparator + path);
        return env;
    }

    private Thread read(java.io.InputStream in, Consumer<String> onLine, String name) {
        Thread t = new Thread(new LineReader(in, onLine, maxLineLength), "run-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void writeStdin(Process first, String text) {
        Thread t = new Thread(() -> {
            try (OutputStream out = first.getOutputStream()) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                if (!text.endsWith("\n")) {
                    out.write('\n');
                }
            }
            catch (IOException e) {
                // The child exited before reading its input; its exit code tells the
                // rest.
            }
        }, "stdin-" + first.pid());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits for the readers to pass on everything; a grandchild that keeps a pipe open
     * after its parent exited must not hold the run forever, so the pipes are closed
     * after a while.
     */
    private static void drain(List<Thread> readers, List<Process> processes) throws InterruptedException {
        long deadline = System.currentTimeMillis() + READER_DRAIN_MILLIS;
        for (Thread t : readers) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        if (readers.stream().anyMatch(Thread::isAlive)) {
            for (Process p : processes) {
                closeQuietly(p.getInputStream());
                closeQuietly(p.getErrorStream());
            }
            for (Thread t : readers) {
                t.join(1000);
            }
        }
    }

    private static BufferedWriter openTee(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new StepFailure("Cannot write " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            }
            catch (Exception ignored) {
                // nothing left to save
            }
        }
    }

}
