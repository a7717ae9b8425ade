package io.cutover.wizard;

import io.cutover.execution.RunView;
import io.cutover.logstream.LogEvent;
import java.util.List;

/**
 * A step's newest run as its card shows it: the run, its result table (or null) and its
 * last lines.
 */
public record StepOutcome(RunView run, ResultRows result, List<LogEvent> tail) {

    /**
     * The one line a card shows: the run's own message, else the last line it printed.
     */
    public String outcomeLine() {
        if (run.message() != null && !run.message().isBlank()) {
            return run.message();
        }
        return tail.isEmpty() ? null : tail.get(tail.size() - 1).text();
    }
}
