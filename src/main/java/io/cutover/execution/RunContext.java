package io.cutover.execution;

import io.cutover.logstream.RunLog;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.SqlTarget;
import io.cutover.runbook.Step;
import io.cutover.secrets.SecretRedactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything one run needs while it executes, and the handle an operator's cancel
 * reaches.
 */
final class RunContext implements CheckContext {

    /**
     * Who "cancels" a run when the panel itself stops: the run ends INTERRUPTED, not
     * CANCELLED.
     */
    static final String SHUTDOWN = "panel shutdown";

    final long runId;

    final long migrationId;

    final String startedBy;

    final Runbook runbook;

    final Step step;

    final ExecutionValues values;

    final RunValues runValues;

    final Path workdir;

    final Path scratch;

    final RunLog log;

    final SecretRedactor redactor;

    final String timestamp;

    private final ProcessLauncher launcher;

    private final Function<String, Optional<ArtifactView>> artifacts;

    private final Consumer<List<Process>> pidRecorder;

    private final Duration killGrace;

    private final Runnable harmRecorder;

    private volatile boolean harmed;

    private final boolean targetFilledByPanel;

    private final List<Process> processes = new CopyOnWriteArrayList<>();

    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    private volatile boolean cancelRequested;

    private volatile String cancelledBy;

    RunContext(long runId, long migrationId, String startedBy, Runbook runbook, Step step, ExecutionValues values,
            RunValues runValues, Path workdir, Path scratch, RunLog log, SecretRedactor redactor, String timestamp,
            ProcessLauncher launcher, Function<String, Optional<ArtifactView>> artifacts,
            Consumer<List<Process>> pidRecorder, Duration killGrace, Runnable harmRecorder,
            boolean targetFilledByPanel) {
        this.runId = runId;
        this.migrationId = migrationId;
        this.startedBy = startedBy;
        this.runbook = runbook;
        this.step = step;
        this.values = values;
        this.runValues = runValues;
        this.workdir = workdir;
        this.scratch = scratch;
        this.log = log;
        this.redactor = redactor;
        this.timestamp = timestamp;
        this.launcher = launcher;
        this.artifacts = artifacts;
        this.pidRecorder = pidRecorder;
        this.killGrace = killGrace;
        this.harmRecorder = harmRecorder;
        this.targetFilledByPanel = targetFilledByPanel;
    }

    @Override
    public boolean targetFilledByPanel() {
        return targetFilledByPanel;
    }

    @Override
    public synchronized void harming() {
        if (!harmed) {
            harmed = true;
            harmRecorder.run();
        }
    }

    /**
     * Asks the run to stop: its processes (and theirs) are ended, a running query is
     * cancelled.
     */
    void cancel(String by) {
        cancelledBy = by;
        cancelRequested = true;
        onCancel.forEach(Runnable::run);
        ProcessTree.terminate(processes.stream().map(Process::toHandle).toList(), killGrace);
    }

    String cancelledBy() {
        return cancelledBy;
    }

    void track(List<Process> started) {
        processes.addAll(started);
        pidRecorder.accept(List.copyOf(processes));
        if (cancelRequested) {
            ProcessTree.terminate(started.stream().map(Process::toHandle).toList(), killGrace);
        }
    }

    void untrack(List<Process> ended) {
        processes.removeAll(ended);
    }

    /**
     * Registers what to do on cancel besides ending processes (cancelling a JDBC
     * statement).
     */
    void onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelRequested) {
            action.run();
        }
    }

    Duration killGrace() {
        return killGrace;
    }

    @Override
    public long migrationId() {
        return migrationId;
    }

    @Override
    public long runId() {
        return runId;
    }

    @Override
    public Runbook runbook() {
        return runbook;
    }

    @Override
    public Step step() {
        return step;
    }

    @Override
    public Path workdir() {
        return workdir;
    }

    @Override
    public ExecutionValues values() {
        return values;
    }

    @Override
    public RunLog log() {
        return log;
    }

    @Override
    public Optional<ExecutionValues.Connection> connection(SqlTarget target) {
        return runbook.connection(target).flatMap(p -> values.connection(p.id()));
    }

    @Override
    public Optional<ArtifactView> newestArtifact(String kind) {
        return artifacts.apply(kind);
    }

    @Override
    public ProcessResult exec(ProcessSpec spec) throws InterruptedException {
        return launcher.run(this, spec);
    }

    @Override
    public Optional<String> option(String name) {
        String template = step.options().get(name);
        if (template == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(io.cutover.runbook.Template.render(template, runValues::forArgv))
                .filter(v -> !v.isBlank());
        }
        catch (StepFailure unset) {
            return Optional.empty();
        }
    }

    @Override
    public boolean cancelled() {
        return cancelRequested;
    }

    @Override
    public String timestamp() {
        return timestamp;
    }

}
