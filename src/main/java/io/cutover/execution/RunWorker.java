package io.cutover.execution;

import io.cutover.logstream.LogStream;
import io.cutover.logstream.RunLog;
import io.cutover.migration.ExecutionValues;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Artifact;
import io.cutover.runbook.Capture;
import io.cutover.runbook.CommandLine;
import org.springframework.beans.factory.ObjectProvider;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import io.cutover.runbook.Template;
import io.cutover.secrets.SecretRedactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out one queued run on a worker thread, from its first log line to its end
 * event.
 */
@Component
class RunWorker {

    private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
        .withZone(ZoneOffset.UTC);

    private static final int CAPTURE_LIMIT = 1 << 20;

    private final RunRepository runs;

    private final RunRecorder recorder;

    private final ArtifactRepository artifacts;

    private final MigrationManagement migrations;

    private final LogStream logStream;

    private final Workspace workspace;

    private final ProcessLauncher launcher;

    private final SqlRunner sql;

    private final List<StepCheck> checks;

    private final ExecutionProperties properties;

    private final ObjectProvider<CommandWatcher> watchers;

    RunWorker(RunRepository runs, RunRecorder recorder, ArtifactRepository artifacts, MigrationManagement migrations,
            LogStream logStream, Workspace workspace, ProcessLauncher launcher, SqlRunner sql, List<StepCheck> checks,
            ExecutionProperties properties, ObjectProvider<CommandWatcher> watchers) {
        this.runs = runs;
        this.recorder = recorder;
        this.artifacts = artifacts;
        this.migrations = migrations;
        this.logStream = logStream;
        this.workspace = workspace;
        this.launcher = launcher;
        this.sql = sql;
        this.checks = checks;
        this.properties = properties;
        this.watchers = watchers;
    }

    /**
     * Builds the run's context; the caller registers it for cancel before calling
     * {@link #execute}.
     */
    RunContext prepare(long runId) {
        Run run = runs.findById(runId).orElseThrow();
        Runbook runbook = migrations.runbookOf(run.migrationId());
        Step step = runbook.step(run.stepId()).orElseThrow();
        ExecutionValues values = migrations.executionValues(run.migrationId());
        SecretRedactor redactor = SecretRedactor.of(secretsToMask(values));
        RunLog runLog = logStream.open(runId, redactor,
                runbook.troubleshooting().stream().filter(h -> h.appliesTo(step.id())).toList());
        Path workdir = workspace.of(run.migrationId());
        Path scratch = workspace.scratch(run.migrationId(), runId, values);
        String timestamp = TIMESTAMP.format(run.queuedAt());
        RunValues runValues = new RunValues(runbook, values, timestamp, workdir,
                kind -> artifacts.newest(run.migrationId(), kind));
        return new RunContext(runId, run.migrationId(), run.startedBy(), runbook, step, values, runValues, workdir,
                scratch, runLog, redactor, timestamp, launcher, kind -> artifacts.newest(run.migrationId(), kind),
                processes -> recorder.processes(runId, ProcessTree.describe(processes)), properties.killGrace(),
                () -> recorder.harmed(runId), recorder.filledByPanel(run.migrationId(), runbook, runId));
    }

    void execute(RunContext ctx) {
        Result result;
        try {
            if (ctx.cancelled()) {
                result = Result.of(RunStatus.CANCELLED, null,
                        "Cancelled by " + ctx.cancelledBy() + " before it started");
            }
            else {
                RunView running = recorder.running(ctx.runId, describe(ctx));
                ctx.log.status(RunJson.status(running));
                result = switch (ctx.step.kind()) {
                    case COMMAND -> command(ctx);
                    case SQL -> withProduced(ctx, fromSql(sql.run(ctx)));
                    case CHECK -> check(ctx);
                    case MANUAL -> Result.of(RunStatus.FAILED, null, "A manual step is marked done, not run");
                };
            }
        }
        catch (StepFailure e) {
            result = Result.of(RunStatus.FAILED, null, e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Result.of(RunStatus.INTERRUPTED, null, "The panel is shutting down");
        }
        catch (Exception e) {
            log.error("Run {} failed unexpectedly", ctx.runId, e);
            result = Result.of(RunStatus.FAILED, null, "Unexpected error: " + e.getMessage());
        }
        finish(ctx, result);
    }

    private void finish(RunContext ctx, Result result) {
        RunView ended;
        try {
            ended = recorder.finish(ctx.runId, result.status, result.exitCode, result.message, result.resultJson,
                    ctx.workdir, result.produced, result.captured);
        }
        catch (RuntimeException e) {
            log.error("Recording the end of run {} failed", ctx.runId, e);
            ended = recorder.finish(ctx.runId, RunStatus.FAILED, result.exitCode,
                    "Could not record the result: " + e.getMessage(), null, ctx.workdir, Map.of(), Map.of());
        }
        finally {
            workspace.cleanScratch(ctx.runId);
        }
        if (ended.status() != RunStatus.SUCCEEDED) {
            PartialOutputs.quarantine(ctx.workdir, declaredOutputs(ctx), ctx.log::system);
            PartialOutputs.sweepWork(ctx.workdir, ctx.log::system);
        }
        ctx.log.system(ended.message());
        ctx.log.end(RunJson.status(ended));
    }

    /**
     * The backups the step says it writes, as this run named them (its reports stay where
     * they are: they say what failed).
     */
    private static List<Path> declaredOutputs(RunContext ctx) {
        List<String> templates = new ArrayList<>(ctx.step.produces().stream().map(Artifact::path).toList());
        if (ctx.step.stdout() != null) {
            templates.add(ctx.step.stdout());
        }
        List<Path> files = new ArrayList<>();
        for (String template : templates) {
            try {
                files.add(ctx.runValues.path(template));
            }
            catch (RuntimeException unrenderable) {
                // a parameter it names is unset: the run cannot have written it
            }
        }
        return files.stream().filter(f -> f.startsWith(ctx.workdir.resolve("backups"))).distinct().toList();
    }

    private Result command(RunContext ctx) throws InterruptedException {
        Step step = ctx.step;
        StringBuilder raw = new StringBuilder();
        Consumer<String> capture = step.captures().isEmpty() && step.nothingFound() == null ? null : line -> {
            if (raw.length() < CAPTURE_LIMIT) {
                raw.append(line).append('\n');
            }
        };
        Map<String, String> env = new HashMap<>();
        step.env().forEach((k, v) -> env.put(k, Template.render(v, ctx.runValues::forSecretChannel)));
        ProcessSpec spec = new ProcessSpec(CommandLine.argv(step, ctx.runValues::forArgv),
                step.stdin() == null ? null : Template.render(step.stdin(), ctx.runValues::forSecretChannel),
                step.stdout() == null ? null : ctx.runValues.path(step.stdout()),
                step.saveOutput() == null ? null : ctx.runValues.path(step.saveOutput()), env,
                Optional.ofNullable(step.timeout()).orElse(properties.defaultTimeout()), step.successExitCodes(),
                capture, true, null, false);
        if (!step.destroys().isEmpty()) {
            ctx.harming();
        }
        List<CommandWatcher.Watch> watching = spec.commands()
            .stream()
            .flatMap(argv -> watchers.orderedStream().flatMap(w -> w.watch(ctx, argv).stream()))
            .toList();
        ProcessResult outcome = ctx.exec(spec);
        watching.forEach(w -> w.finished(outcome.succeeded()));
        Result result = fromProcess(ctx, outcome, spec);
        boolean succeeded = result.status == RunStatus.SUCCEEDED;
        Map<String, String> captured = captures(ctx, raw.toString(), succeeded);
        if (!succeeded) {
            return new Result(result.status, result.exitCode, result.message, null, Map.of(), captured);
        }
        Optional<Capture> missing = step.captures()
            .stream()
            .filter(c -> c.required() && c.appliesWith(ctx.runValues::forArgv) && !captured.containsKey(c.parameter()))
            .findFirst();
        if (missing.isPresent()) {
            return Result.of(RunStatus.FAILED, result.exitCode,
                    "Exited with code " + result.exitCode + ", but the output does not show "
                            + missing.get().parameter() + ", which this step must prove (see the step's purpose)");
        }
        if (step.nothingFound() != null) {
            Optional<String> found = searchFailure(ctx, raw.toString());
            if (found.isPresent()) {
                return Result.of(RunStatus.FAILED, outcome.exitCode(),
                        "Found what this search must not find: " + found.get());
            }
            ctx.log
                .system("Nothing found matching " + step.nothingFound().pattern() + " since the moment that matters");
        }
        return withProduced(ctx, new Result(result.status, result.exitCode, result.message, null, Map.of(), captured));
    }

    /**
     * Counts only lines logged since the step named by {@code since} was last done (the
     * app came up on the cluster).
     */
    private Optional<String> searchFailure(RunContext ctx, String output) {
        String sinceStep = ctx.step.nothingFound().since();
        java.time.Instant since = sinceStep == null ? null
                : migrations.completions(ctx.migrationId)
                    .stream()
                    .filter(c -> c.stepId().equals(sinceStep))
                    .map(c -> c.completedAt())
                    .max(java.time.Instant::compareTo)
                    .orElse(null);
        String sinceText = sinceStep == null ? ""
                : "'" + ctx.runbook.step(sinceStep).map(Step::title).orElse(sinceStep) + "' was done";
        return NothingFoundScan.failure(ctx.step.nothingFound(), output, since, sinceText, ctx.redactor::redact);
    }

    /**
     * A successful step must have written the files it declares; they become its
     * artifacts.
     */
    private static Result withProduced(RunContext ctx, Result result) {
        if (result.status != RunStatus.SUCCEEDED) {
            return result;
        }
        Map<String, Path> produced = new LinkedHashMap<>(result.produced);
        for (Artifact artifact : ctx.step.produces()) {
            Path file = ctx.runValues.path(artifact.path());
            if (!Files.isRegularFile(file)) {
                return Result.of(RunStatus.FAILED, result.exitCode,
                        "The step succeeded but did not write " + ctx.workdir.relativize(file));
            }
            produced.put(artifact.id(), file);
        }
        return new Result(result.status, result.exitCode, result.message, result.resultJson, produced, result.captured);
    }

    private Result fromProcess(RunContext ctx, ProcessResult outcome, ProcessSpec spec) {
        if (outcome.failure() != null) {
            return Result.of(RunStatus.FAILED, null, outcome.failure());
        }
        if (outcome.cancelled() && RunContext.SHUTDOWN.equals(ctx.cancelledBy())) {
            return Result.of(RunStatus.INTERRUPTED, outcome.exitCode(),
                    "The panel shut down during this run; its processes were ended. Run the step again.");
        }
        if (outcome.cancelled()) {
            return Result.of(RunStatus.CANCELLED, outcome.exitCode(), "Cancelled by " + ctx.cancelledBy());
        }
        if (outcome.timedOut()) {
            return Result.of(RunStatus.TIMED_OUT, outcome.exitCode(),
                    "Timed out after " + spec.timeout() + "; the process tree was ended");
        }
        if (outcome.succeeded()) {
            return Result.of(RunStatus.SUCCEEDED, outcome.exitCode(), "Exited with code " + outcome.exitCode());
        }
        String why = "Exited with code " + outcome.exitCode() + " (expected " + spec.successExitCodes() + ")";
        return Result.of(RunStatus.FAILED, outcome.exitCode(),
                outcome.explanation() == null ? why : outcome.explanation() + " (" + why + ")");
    }

    /**
     * Values read from the output: all of them after success, only those kept on failure
     * otherwise.
     */
    private Map<String, String> captures(RunContext ctx, String output, boolean succeeded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Capture capture : ctx.step.captures()) {
            if (!capture.appliesWith(ctx.runValues::forArgv) || !(succeeded || capture.keepOnFailure())) {
                continue;
            }
            Optional<String> value = capture.pattern() == null ? Optional.empty()
                    : capture.from(output, ctx.runValues::forArgv);
            value.ifPresentOrElse(v -> {
                values.put(capture.parameter(), v);
                ctx.log.system("Captured " + capture.parameter() + " from the output");
            }, () -> ctx.log.system("Did not find " + capture.parameter()
                    + " in the output; set it on the Parameters page if a later step needs it"));
        }
        return values;
    }

    private Result check(RunContext ctx) throws Exception {
        StepCheck check = checks.stream()
            .filter(c -> c.name().equals(ctx.step.check()))
            .findFirst()
            .orElseThrow(() -> new StepFailure("This panel has no built-in check '" + ctx.step.check() + "'"));
        CheckOutcome outcome = check.run(ctx);
        if (ctx.cancelled() && RunContext.SHUTDOWN.equals(ctx.cancelledBy())) {
            return Result.of(RunStatus.INTERRUPTED, null, "The panel shut down during this run. Run the step again.");
        }
        if (ctx.cancelled()) {
            return Result.of(RunStatus.CANCELLED, null, "Cancelled by " + ctx.cancelledBy());
        }
        Map<String, Path> produced = new LinkedHashMap<>();
        outcome.produced().forEach(p -> produced.put(p.kind(), p.file()));
        return new Result(outcome.success() ? RunStatus.SUCCEEDED : RunStatus.FAILED, null, outcome.message(),
                outcome.resultJson(), outcome.success() ? produced : Map.of(), Map.of());
    }

    private static Result fromSql(SqlRunner.Outcome o) {
        return new Result(o.status(), o.exitCode(), o.message(), o.resultJson(), Map.of(), Map.of());
    }

    /**
     * The command as started, for the record and the page: secrets masked, like every
     * line.
     */
    private String describe(RunContext ctx) {
        Step step = ctx.step;
        String text = switch (step.kind()) {
            case COMMAND -> CommandLine.join(CommandLine.argv(step, ctx.runValues::forArgv))
                    + (step.stdin() == null ? ""
                            : " <<< " + Template.render(step.stdin(), ctx.runValues::forSecretChannel))
                    + (step.stdout() == null ? "" : " > " + Template.render(step.stdout(), ctx.runValues::forArgv));
            case SQL -> "SQL on " + step.target().name().toLowerCase() + ": " + SqlRunner.render(ctx);
            case CHECK -> "built-in check " + step.check();
            case MANUAL -> step.title();
        };
        return ctx.redactor.redact(text);
    }

    private List<String> secretsToMask(ExecutionValues values) {
        List<String> secrets = new ArrayList<>(values.secretValues());
        for (String name : List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).ifPresent(secrets::add);
        }
        return secrets;
    }

    /** How a run ended, with what success adds to the record. */
    record Result(RunStatus status, Integer exitCode, String message, String resultJson, Map<String, Path> produced,
            Map<String, String> captured) {
        static Result of(RunStatus status, Integer exitCode, String message) {
            return new Result(status, exitCode, message, null, Map.of(), Map.of());
        }
    }

}
