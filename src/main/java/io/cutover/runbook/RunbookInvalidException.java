package io.cutover.runbook;

import java.util.List;

/**
 * A runbook resource that cannot be used; the message names the file and each offending
 * step.
 */
public class RunbookInvalidException extends RuntimeException {

    private final List<String> problems;

    RunbookInvalidException(String source, List<String> problems) {
        super("Runbook " + source + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

}
