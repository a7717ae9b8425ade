package io.cutover.wizard;

import io.cutover.execution.StepNotices;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Every module's notices for a runbook's steps, merged (the first notice of a step wins);
 * none outside the sandbox.
 */
final class StepNoticeBoard {

    private StepNoticeBoard() {
    }

    static Map<String, StepNotices.Notice> forRunbook(ObjectProvider<StepNotices> sources, String runbookId) {
        Map<String, StepNotices.Notice> all = new HashMap<>();
        sources.orderedStream().forEach(source -> source.notices(runbookId).forEach(all::putIfAbsent));
        return all;
    }

}
