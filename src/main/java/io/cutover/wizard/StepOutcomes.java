package io.cutover.wizard;

import io.cutover.execution.RunStatus;
import io.cutover.execution.RunView;
import io.cutover.logstream.LogEvent;
import io.cutover.logstream.LogStream;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each step card shows of its newest run: the outcome, the result table, the last
 * lines; and for the phase the newest failure with its likely cause, so nobody has to
 * open run after run to find out why a phase is stuck.
 */
@Component
class StepOutcomes {

    static final int TAIL_LINES = 5;

    private static final List<RunStatus> FAILURES = List.of(RunStatus.FAILED, RunStatus.TIMED_OUT,
            RunStatus.INTERRUPTED);

    private final LogStream logs;

    private final JsonMapper json;

    StepOutcomes(LogStream logs, JsonMapper json) {
        this.logs = logs;
        this.json = json;
    }

    /** Step id to its newest run's outcome, for the steps of a phase that have run. */
    Map<String, StepOutcome> of(List<Step> steps, Map<String, RunView> latest) {
        Map<String, StepOutcome> outcomes = new HashMap<>();
        for (Step step : steps) {
            RunView run = latest.get(step.id());
            if (run != null) {
                boolean tail = run.status().active() || FAILURES.contains(run.status());
                outcomes.put(step.id(), new StepOutcome(run, result(run.resultJson()),
                        tail ? logs.tailLines(run.id(), TAIL_LINES) : List.of()));
            }
        }
        return outcomes;
    }

    /**
     * The newest failed run among the phase's steps whose latest run failed, with what
     * the runbook knows of its cause.
     */
    Optional<PhaseFailure> latestFailure(List<Step> steps, Map<String, StepOutcome> outcomes, Runbook runbook) {
        return steps.stream()
            .filter(s -> outcomes.containsKey(s.id()) && FAILURES.contains(outcomes.get(s.id()).run().status()))
            .max(Comparator.comparing(s -> outcomes.get(s.id()).run().id()))
            .map(step -> {
                StepOutcome outcome = outcomes.get(step.id());
                List<String> causes = logs.hints(outcome.run().id())
                    .stream()
                    .flatMap(m -> runbook.troubleshooting().stream().filter(h -> h.id().equals(m.hintId())))
                    .map(h -> h.cause() + " Fix: " + h.fix())
                    .toList();
                return new PhaseFailure(step, outcome, causes);
            });
    }

    @SuppressWarnings("unchecked")
    ResultRows result(String resultJson) {
        if (resultJson == null) {
            return null;
        }
        Map<String, Object> table = json.readValue(resultJson, Map.class);
        List<String> columns = (List<String>) table.getOrDefault("columns", List.of());
        List<List<Object>> rows = (List<List<Object>>) table.getOrDefault("rows", List.of());
        return new ResultRows(columns, rows, Boolean.TRUE.equals(table.get("truncated")));
    }

}
