package io.cutover.execution;

import io.cutover.logstream.LogStream;
import io.cutover.secrets.SecretRedactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, every run still marked queued or running belonged to a panel that stopped:
 * its processes (recorded by pid and start time, so a recycled pid is never hit) are
 * ended and the run becomes INTERRUPTED, with a line saying so. Nothing is reported as
 * succeeded that did not exit 0. What it was writing (a dump in backups/, a copy's
 * scratch directory in work/) is moved to partial/.
 */
@Component
@Order(-100)
class RestartRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RestartRecovery.class);
    static final String MESSAGE = "The panel restarted while this run was active; its processes were ended and the run is marked interrupted. Run the step again.";

    private final RunRecorder recorder;

    private final LogStream logStream;

    private final ExecutionProperties properties;

    private final Workspace workspace;

    private final ArtifactRepository artifacts;

    RestartRecovery(RunRecorder recorder, LogStream logStream, ExecutionProperties properties, Workspace workspace,
            ArtifactRepository artifacts) {
        this.recorder = recorder;
        this.logStream = logStream;
        this.properties = properties;
        this.workspace = workspace;
        this.artifacts = artifacts;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Run run : recorder.active()) {
            List<ProcessHandle> leftovers = ProcessTree.find(run.pids());
            if (!leftovers.isEmpty()) {
                ProcessTree.terminate(leftovers, properties.killGrace());
            }
            RunView ended = recorder.finish(run.id(), RunStatus.INTERRUPTED, null, MESSAGE, null, null, Map.of(),
                    Map.of());
            var runLog = logStream.open(run.id(), SecretRedactor.urlPasswordsOnly(), List.of());
            runLog.system(MESSAGE + (leftovers.isEmpty() ? ""
                    : " (ended " + leftovers.size() + " leftover process" + (leftovers.size() == 1 ? "" : "es") + ")"));
            Path workdir = workspace.of(run.migrationId());
            Set<Path> complete = artifacts.forMigration(run.migrationId())
                .stream()
                .map(a -> workdir.resolve(a.path()).toAbsolutePath().normalize())
                .collect(Collectors.toSet());
            PartialOutputs.sweep(workdir, complete, runLog::system);
            runLog.end(RunJson.status(ended));
            log.warn("Run {} of step {} was interrupted by a restart; {} leftover processes ended", run.id(),
                    run.stepId(), leftovers.size());
        }
    }

}
