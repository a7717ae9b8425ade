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
     * {@link ChecklistGate#workStarted}, on the facts the admission read; call it in the
     * same transaction, before the run is stored.
     */
    public void workStarted() {
        workStarted.run();
    }

}
