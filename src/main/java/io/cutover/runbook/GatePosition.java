package io.cutover.runbook;

/** Where a checklist sits in its phase. */
public enum GatePosition {

    /** Must be fully signed before any step of the phase may act. */
    ENTRY,
    /** Must be fully signed before the phase counts as done and the next one opens. */
    EXIT,
    /** Must be fully signed before the one step it guards may act. */
    STEP

}
