package io.cutover.logstream;

/**
 * Where a run writes its output. Every text passes through the run's secret redactor
 * before it is stored or sent; writing never blocks on the store or on viewers.
 */
public interface RunLog {

    void out(String line);

    void err(String line);

    /**
     * A line from the panel itself, such as the command it starts or why it stopped it.
     */
    void system(String line);

    /** A status change, as JSON. */
    void status(String json);

    /**
     * How far the step has come, as JSON; a viewer needs only the newest (see
     * {@link ProgressMeter}).
     */
    void progress(String json);

    /** The final status, as JSON; the log is closed afterwards. */
    void end(String json);

}
