package io.cutover.position;

import java.time.Instant;

/**
 * What the target holds, as far as the panel's own copies tell.
 *
 * @param runId the run that last copied onto it (or tried to), null when none did
 */
public record TargetCopy(Status status, String description, Long runId, String stepId, Instant at) {

    public enum Status {

        /** No run of the panel has written to it. */
        UNTOUCHED,
        /** A copy is being written now. */
        COPYING,
        /** The last copy finished. */
        COPIED,
        /**
         * The last copy failed or was cancelled half way: the target holds part of the
         * data.
         */
        PARTIAL

    }

    public boolean partial() {
        return status == Status.PARTIAL;
    }

    /**
     * Whether the panel itself filled the target (so emptying it again loses nothing the
     * panel did not put there).
     */
    public boolean filledByPanel() {
        return status != Status.UNTOUCHED;
    }
}
