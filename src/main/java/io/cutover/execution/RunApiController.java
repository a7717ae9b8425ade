package io.cutover.execution;

import io.cutover.migration.MigrationManagement;
import io.cutover.shared.Actor;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API for runs; their output is at /api/runs/{id}/events (SSE) and
 * /api/runs/{id}/log.txt.
 */
@RestController
class RunApiController {

    private final RunLauncher runs;

    private final MigrationManagement migrations;

    private final RunFindings findings;

    RunApiController(RunLauncher runs, MigrationManagement migrations, RunFindings findings) {
        this.runs = runs;
        this.migrations = migrations;
        this.findings = findings;
    }

    @PostMapping("/api/migrations/{id}/steps/{stepId}/runs")
    ResponseEntity<RunView> start(@PathVariable long id, @PathVariable String stepId,
            @RequestBody(required = false) StartRequest body, Actor actor) {
        RunView run = runs.start(id, stepId, actor, body == null ? null : body.confirm(),
                body != null && Boolean.TRUE.equals(body.rerun()));
        return ResponseEntity.created(URI.create("/api/runs/" + run.id())).body(run);
    }

    @PostMapping("/api/runs/{runId}/cancel")
    RunView cancel(@PathVariable long runId, @RequestBody(required = false) CancelRequest body, Actor actor) {
        return runs.cancel(runId, actor, body == null ? null : body.confirm());
    }

    @GetMapping("/api/runs/{runId}")
    RunDetails run(@PathVariable long runId) {
        RunView run = runs.get(runId);
        return new RunDetails(run, findings.hints(migrations.runbookOf(run.migrationId()), runId));
    }

    @GetMapping("/api/migrations/{id}/runs")
    List<RunView> list(@PathVariable long id) {
        return runs.forMigration(id);
    }

    @GetMapping("/api/migrations/{id}/artifacts")
    List<ArtifactView> artifacts(@PathVariable long id) {
        return runs.artifacts(id);
    }

    /**
     * @param rerun yes to running again a done step of a finished phase
     */
    record StartRequest(String confirm, Boolean rerun) {
    }

    /**
     * @param confirm "cancel" for a run that is overwriting something
     */
    record CancelRequest(String confirm) {
    }

    record RunDetails(RunView run, List<RunFindings.ShownHint> hints) {
    }

}
