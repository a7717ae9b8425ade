package io.cutover.execution;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The status events of a run's log, as JSON for the log viewer. */
final class RunJson {

    private RunJson() {
    }

    static String status(RunView run) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", run.status());
        status.put("exitCode", run.exitCode());
        status.put("startedAt", run.startedAt() == null ? null : run.startedAt().toEpochMilli());
        status.put("endedAt", run.endedAt() == null ? null : run.endedAt().toEpochMilli());
        status.put("message", run.message());
        return JsonMapper.shared().writeValueAsString(status);
    }

}
