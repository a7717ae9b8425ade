package io.cutover.execution;

import java.util.Map;
import org.springframework.modulith.NamedInterface;

/**
 * What people should know about a step before anyone runs it, for a reason only another
 * module sees — the sandbox names a tool this host lacks and what that costs the
 * rehearsal. The wizard shows each notice on its step, on the page and in the API.
 */
@NamedInterface("spi")
public interface StepNotices {

    /** Notices for the steps of runbook {@code runbookId}, by step id; empty for none. */
    Map<String, Notice> notices(String runbookId);

    /**
     * One line of text, and where to act on it ({@code link}: a path of the panel, or
     * null).
     */
    record Notice(String text, String link) {
    }

}
