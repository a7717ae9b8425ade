package io.cutover.execution;

import org.springframework.modulith.NamedInterface;

/**
 * Where a run stands. Only SUCCEEDED counts as evidence, and only after an exit code the
 * step accepts.
 */
@NamedInterface("events")
public enum RunStatus {

    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT,
    /**
     * The panel stopped while the run was active; its processes were ended at the next
     * start.
     */
    INTERRUPTED;

    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }

}
