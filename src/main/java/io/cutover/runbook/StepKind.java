package io.cutover.runbook;

/** What carrying out a step means. */
public enum StepKind {

    /** A child process built from an argv template (or a pipeline of them). */
    COMMAND,
    /** A query against the source or target database. */
    SQL,
    /** A verification built into the panel (inventory, checksums, preflight). */
    CHECK,
    /** Work done outside the panel (a code change); an operator marks it done. */
    MANUAL

}
