package io.cutover.gate;

/** Where a phase stands, as the phase rail shows it. */
public enum PhaseState {

    /** Earlier work or a gate stands in the way; nothing in it may act. */
    LOCKED,
    /** May start; nothing done yet. */
    OPEN,
    /** Started; not all required steps done or its exit gate not yet signed. */
    IN_PROGRESS,
    /** Required steps done and exit gates signed. */
    DONE

}
