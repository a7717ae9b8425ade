package io.cutover.gate;

/**
 * The gate's yes to queuing a run ({@link ChecklistGate#admitRun}): the progress it was
 * given on, and the duties the run crosses, to record once no other check refuses it.
 */
public final class RunAdmission {

    private final MigrationProgress progress;

    private final Runnable workStarted;

    RunAdmission(MigrationProgress progress, Runnable workStarted) {
        this.progress = progress;
        this.workStarted = workStarted;
    }

    public MigrationProgress progress() {
        return progress;
    }

    /**
     * Called in the transaction that queues the run, before the run is stored: the event
     * lets the sign-off module record the operator's crossed sign-offs as void with the
     * reason.
     */
    public void workStarted() {
        workStarted.run();
    }

}
