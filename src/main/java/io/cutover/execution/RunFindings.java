package io.cutover.execution;

import io.cutover.logstream.LogStream;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.TroubleshootingHint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run found beyond its status, for its page and its JSON: the runbook's
 * troubleshooting hints its log matched, and the result table a check stored.
 */
@Component
record RunFindings(LogStream logStream, JsonMapper json) {

    /** Each matched hint with its cause and fix, in the order its first line appeared. */
    List<ShownHint> hints(Runbook runbook, long runId) {
        return logStream.hints(runId)
            .stream()
            .flatMap(m -> runbook.troubleshooting()
                .stream()
                .filter(h -> h.id().equals(m.hintId()))
                .map(h -> new ShownHint(h, m.seq())))
            .toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> result(RunView run) {
        return Optional.ofNullable(run.resultJson())
            .map(j -> (Map<String, Object>) json.readValue(j, Map.class))
            .orElse(null);
    }

    record ShownHint(TroubleshootingHint hint, long line) {
    }

}
