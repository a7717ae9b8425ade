package io.cutover.execution;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** Aggregate root: one attempt at one step. */
@Table("RUN")
class Run {

    @Id
    private Long id;

    private final long migrationId;

    private final String phaseId;

    private final String stepId;

    private final String kind;

    private RunStatus status;

    private String argvMasked;

    private final String startedBy;

    private final Instant queuedAt;

    private Instant startedAt;

    private Instant endedAt;

    private Integer exitCode;

    private String pids;

    private String message;

    private String resultJson;

    private Long activeLock;

    private boolean harmed;

    @Version
    private Integer version;

    @PersistenceCreator
    Run(Long id, long migrationId, String phaseId, String stepId, String kind, RunStatus status, String argvMasked,
            String startedBy, Instant queuedAt, Instant startedAt, Instant endedAt, Integer exitCode, String pids,
            String message, String resultJson, Long activeLock, boolean harmed, Integer version) {
        this.id = id;
        this.migrationId = migrationId;
        this.phaseId = phaseId;
        this.stepId = stepId;
        this.kind = kind;
        this.status = status;
        this.argvMasked = argvMasked;
        this.startedBy = startedBy;
        this.queuedAt = queuedAt;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.exitCode = exitCode;
        this.pids = pids;
        this.message = message;
        this.resultJson = resultJson;
        this.activeLock = activeLock;
        this.harmed = harmed;
        this.version = version;
    }

    static Run queue(long migrationId, String phaseId, String stepId, String kind, String startedBy, Instant now) {
        return new Run(null, migrationId, phaseId, stepId, kind, RunStatus.QUEUED, null, startedBy, now, null, null,
                null, null, null, null, migrationId, false, null);
    }

    void started(String argvMasked, Instant now) {
        this.status = RunStatus.RUNNING;
        this.argvMasked = argvMasked;
        this.startedAt = now;
    }

    /** The run has begun overwriting what its step destroys. */
    void harmed() {
        this.harmed = true;
    }

    void processes(String pids) {
        this.pids = pids;
    }

    void finished(RunStatus status, Integer exitCode, String message, String resultJson, Instant now) {
        this.status = status;
        this.exitCode = exitCode;
        this.message = message;
        this.resultJson = resultJson;
        this.endedAt = now;
        this.activeLock = null;
        if (startedAt == null) {
            startedAt = now;
        }
    }

    Long id() {
        return id;
    }

    long migrationId() {
        return migrationId;
    }

    String stepId() {
        return stepId;
    }

    String startedBy() {
        return startedBy;
    }

    Instant queuedAt() {
        return queuedAt;
    }

    RunStatus status() {
        return status;
    }

    String pids() {
        return pids;
    }

    String argvMasked() {
        return argvMasked;
    }

    RunView toView() {
        return new RunView(id, migrationId, phaseId, stepId, kind, status, argvMasked, startedBy, queuedAt, startedAt,
                endedAt, exitCode, message, resultJson, harmed);
    }

}
