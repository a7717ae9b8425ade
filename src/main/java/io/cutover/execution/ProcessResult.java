package io.cutover.execution;

import java.util.List;

/**
 * How a command ended.
 *
 * @param exitCodes one per stage of the pipeline (empty if it never started)
 * @param failure why it could not run at all (missing tool), or null
 * @param explanation what a known failure means, in the operator's words; null when unknown
 */
public record ProcessResult(List<Integer> exitCodes, boolean timedOut, boolean cancelled, List<Integer> successExitCodes, String failure,
        String explanation) {

    static ProcessResult notStarted(List<Integer> successExitCodes, String failure) {
        return new ProcessResult(List.of(), false, false, successExitCodes, failure, null);
    }

    public boolean succeeded() {
        return failure == null && !timedOut && !cancelled && !exitCodes.isEmpty() && successExitCodes.containsAll(exitCodes);
    }

    /** The first stage's failing exit code, or the last stage's. */
    public Integer exitCode() {
        return exitCodes.stream().filter(c -> !successExitCodes.contains(c)).findFirst()
                .orElse(exitCodes.isEmpty() ? null : exitCodes.get(exitCodes.size() - 1));
    }
}
