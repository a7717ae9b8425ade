package io.cutover.execution;

import io.cutover.migration.MigrationManagement;
import io.cutover.shared.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a run's state changes. The final one is a single transaction: status, artifacts,
 * captured parameters and — only for success — the step's completion, which is the
 * evidence sign-offs bind to.
 */
@Component
class RunRecorder {

    private final RunRepository runs;

    private final ArtifactRepository artifacts;

    private final MigrationManagement migrations;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    RunRecorder(RunRepository runs, ArtifactRepository artifacts, MigrationManagement migrations,
            ApplicationEventPublisher events, Clock clock) {
        this.runs = runs;
        this.artifacts = artifacts;
        this.migrations = migrations;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    RunView running(long runId, String argvMasked) {
        Run run = load(runId);
        run.started(argvMasked, clock.instant());
        return runs.save(run).toView();
    }

    /**
     * Stored at once, so that a run a crash interrupts still says it had begun to
     * overwrite.
     */
    @Transactional
    void harmed(long runId) {
        Run run = load(runId);
        run.harmed();
        runs.save(run);
    }

    @Transactional
    void processes(long runId, String pids) {
        Run run = load(runId);
        run.processes(pids);
        runs.save(run);
    }

    /**
     * @param produced artifact kind to file, recorded only on success
     * @param captured parameter id to value (on failure only the captures kept on
     * failure)
     */
    @Transactional
    RunView finish(long runId, RunStatus status, Integer exitCode, String message, String resultJson, Path workdir,
            Map<String, Path> produced, Map<String, String> captured) {
        Run run = load(runId);
        migrations.lockForChange(run.migrationId());
        run.finished(status, exitCode, message, resultJson, clock.instant());
        runs.save(run);
        if (status == RunStatus.SUCCEEDED) {
            Actor actor = new Actor(run.startedBy(), Set.of());
            produced.forEach((kind, file) -> artifacts.insert(describe(run, workdir, kind, file)));
            migrations.recordCompletion(run.migrationId(), run.stepId(), actor, runId, null);
        }
        // A failed run passes only the values its step keeps on failure (a cluster id
        // printed before a timeout).
        Actor capturer = new Actor(run.startedBy(), Set.of());
        captured.forEach(
                (parameter, value) -> migrations.setCaptured(run.migrationId(), parameter, value, runId, capturer));
        RunView ended = run.toView();
        // Inside the transaction: listeners that act after commit (audit, downtime) only
        // hear events published in one.
        events.publishEvent(new RunFinished(ended.migrationId(), ended.id(), ended.stepId(), ended.status(),
                ended.exitCode(), ended.message(), ended.startedBy(), ended.endedAt(), ended.harmed()));
        return ended;
    }

    /** Paths are kept relative to the working directory, as templates use them. */
    private ArtifactView describe(Run run, Path workdir, String kind, Path file) {
        try {
            String relative = file.startsWith(workdir) ? workdir.relativize(file).toString() : file.toString();
            return new ArtifactView(0, run.migrationId(), run.id(), kind, relative, Files.size(file), sha256(file),
                    clock.instant());
        }
        catch (IOException e) {
            throw new StepFailure("Cannot read the produced file " + file.getFileName() + ": " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a run of this migration before {@code beforeRunId} began to overwrite the
     * target: the panel filled it.
     */
    boolean filledByPanel(long migrationId, io.cutover.runbook.Runbook runbook, long beforeRunId) {
        return runs.harmedSteps(migrationId, beforeRunId)
            .stream()
            .anyMatch(
                    stepId -> runbook.step(stepId).map(s -> s.destroys(io.cutover.runbook.Harm.TARGET)).orElse(false));
    }

    List<Run> active() {
        return runs.findAllActive();
    }

    private Run load(long runId) {
        return runs.findById(runId).orElseThrow(() -> new IllegalStateException("Run " + runId + " vanished"));
    }

}
