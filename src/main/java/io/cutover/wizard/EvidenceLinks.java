package io.cutover.wizard;

import io.cutover.gate.ItemProgress;
import io.cutover.gate.MigrationProgress;
import io.cutover.migration.Completion;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import io.cutover.signoff.SignOffView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a checklist item's evidence link leads, across phases: to the exact run a
 * counting sign-off is bound to; before anyone signed, to the run that completed the step
 * last; for a step never done (or done by hand), to its card on its own phase page.
 * Templates call {@code evidence.of(item, stepId)}.
 */
public final class EvidenceLinks {

    private final long migrationId;

    private final Runbook runbook;

    private final MigrationProgress progress;

    private final Map<Long, Completion> completions;

    EvidenceLinks(long migrationId, Runbook runbook, MigrationProgress progress, List<Completion> completions) {
        this.migrationId = migrationId;
        this.runbook = runbook;
        this.progress = progress;
        this.completions = completions.stream()
            .collect(Collectors.toMap(Completion::id, Function.identity(), (a, b) -> a));
    }

    public EvidenceLink of(ItemProgress item, String stepId) {
        String title = runbook.step(stepId).map(Step::title).orElse(stepId);
        Optional<Completion> bound = item.counting()
            .stream()
            .map(SignOffView::evidence)
            .map(e -> e.get(stepId))
            .filter(id -> id != null)
            .map(completions::get)
            .filter(c -> c != null)
            .findFirst();
        Optional<Completion> done = bound.or(() -> progress.step(stepId).map(s -> s.latest()).filter(c -> c != null));
        if (done.isPresent() && done.get().runId() != null) {
            String what = bound.isPresent() ? "the run this sign-off vouches for" : "the run that completed it";
            return new EvidenceLink(title, "/migrations/" + migrationId + "/runs/" + done.get().runId(),
                    "run #" + done.get().runId(), what);
        }
        String phase = runbook.phaseOfStep(stepId).map(p -> p.id()).orElse("");
        return new EvidenceLink(title, "/migrations/" + migrationId + "/phases/" + phase + "#step-" + stepId, null,
                done.isPresent() ? "done by hand" : "not done yet");
    }

    /**
     * @param run "run #12" when the link opens a run, else null
     */
    public record EvidenceLink(String title, String href, String run, String meaning) {
    }

}
