package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.ProcessResult;
import io.cutover.migration.ExecutionValues;

/**
 * A way to copy a whole database from source to an empty target, as fast as the machine
 * allows.
 */
interface CopyEngine {

    String name();

    /** Whether its tools are installed on the panel's host. */
    boolean available(CheckContext ctx) throws InterruptedException;

    /**
     * Whether the copy leaves the target's planner statistics fresh, so that a separate
     * ANALYZE would only repeat it.
     */
    default boolean analyzes() {
        return false;
    }

    /**
     * Whether the engine feeds the run page's bar itself; else the caller samples the
     * target's rows around {@link #copy}.
     */
    default boolean showsProgress() {
        return false;
    }

    ProcessResult copy(CheckContext ctx, ExecutionValues.Connection source, ExecutionValues.Connection target, int jobs)
            throws Exception;

}
