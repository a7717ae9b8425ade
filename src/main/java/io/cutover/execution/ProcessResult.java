package io.cutover.execution;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * How a command ended.
 *
 * @param exitCodes one per stage of the pipeline (empty if it never started)
 * @param successExitCodes what the last stage may end with; every earlier stage must exit
 * 0, so that grep finding nothing (1) can be a good result while flyctl failing in front
 * of it (also 1) is not
 * @param failure why it could not run at all (missing tool), or null
 * @param explanation what a known failure means, in the operator's words; null when
 * unknown
 */
@NamedInterface("spi")
public record ProcessResult(List<Integer> exitCodes, boolean timedOut, boolean cancelled,
        List<Integer> successExitCodes, String failure, String explanation) {

    static ProcessResult notStarted(List<Integer> successExitCodes, String failure) {
        return new ProcessResult(List.of(), false, false, successExitCodes, failure, null);
    }

    public boolean succeeded() {
        return failure == null && !timedOut && !cancelled && !exitCodes.isEmpty()
                && java.util.stream.IntStream.range(0, exitCodes.size()).allMatch(this::stageSucceeded);
    }

    /** The first stage's failing exit code, or the last stage's. */
    public Integer exitCode() {
        return java.util.stream.IntStream.range(0, exitCodes.size())
            .filter(i -> !stageSucceeded(i))
            .mapToObj(exitCodes::get)
            .findFirst()
            .orElse(exitCodes.isEmpty() ? null : exitCodes.get(exitCodes.size() - 1));
    }

    private boolean stageSucceeded(int stage) {
        return stage == exitCodes.size() - 1 ? successExitCodes.contains(exitCodes.get(stage))
                : exitCodes.get(stage) == 0;
    }
}
