package io.cutover.runbook;

/** Where a step sits in the downtime window the panel measures. */
public enum DowntimeMark {

    /** Writes stop when this step succeeds. */
    START,
    /**
     * The site comes back after this step; the window closes when the site answers 200.
     */
    END

}
