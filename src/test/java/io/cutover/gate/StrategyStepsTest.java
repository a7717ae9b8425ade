package io.cutover.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.migration.Completion;
import io.cutover.runbook.Phase;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import io.cutover.runbook.TestRunbooks;
import io.cutover.signoff.SignOffView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The shipped runbook under each cutover strategy: the other strategy's steps are neither
 * required nor runnable, do not hold up the steps after them, and are not evidence to
 * attest.
 */
class StrategyStepsTest {

    private final Runbook seed = TestRunbooks.seed();

    private final AtomicLong ids = new AtomicLong();

    @Test
    void withTheFullReDumpTheSyncStepsAreLeftOutAndSayWhy() {
        MigrationProgress progress = progress("full-redump", List.of());
        StepProgress start = progress.step("sync-start").orElseThrow();
        assertThat(start.applicable()).isFalse();
        assertThat(start.mayAct()).isFalse();
        assertThat(start.blockedReason()).contains("Cutover strategy is continuous-sync");
        assertThat(progress.step("restore").orElseThrow().applicable()).isTrue();
    }

    @Test
    void aPhaseIsDoneWithTheStepsOfItsOwnStrategyOnly() {
        List<Completion> done = doneThrough("data-migration", "continuous-sync");
        MigrationProgress sync = progress("continuous-sync", done);
        assertThat(phaseState(sync, "data-migration")).isEqualTo(PhaseState.DONE);
        assertThat(phaseState(progress("full-redump", done), "data-migration"))
            .as("the same work is not enough once the strategy is the full re-dump: restore and verify are missing")
            .isNotEqualTo(PhaseState.DONE);
    }

    @Test
    void theAttachWaitsForTheVerificationOfItsOwnStrategy() {
        List<Completion> done = doneThrough("app-config", "continuous-sync");
        done.add(completion("scale-down")); // cutover has started
        done.add(completion("unset-database-url"));
        StepProgress attach = progress("continuous-sync", done).step("mpg-attach").orElseThrow();
        assertThat(attach.blockedReason()).as("waits for sync-verify, not for the final sync it does not use")
            .contains("Verify the target equals the source");
        done.add(completion("sync-verify"));
        assertThat(progress("continuous-sync", done).step("mpg-attach").orElseThrow().blockedReason())
            .as("and for the proof that nothing was written on the source after the freeze")
            .contains("Prove nothing was written after the freeze");
        done.add(completion("freeze-proof"));
        done.add(completion("reverse-capture-start"));
        assertThat(progress("continuous-sync", done).step("mpg-attach").orElseThrow().mayAct()).isTrue();
    }

    @Test
    void neitherStrategyCopiesTheLastDataBeforeTheAppIsStopped() {
        List<Completion> done = doneThrough("app-config", "continuous-sync");
        assertEachStrategysLastCopyWaitsFor(done, "Stop the app (downtime starts)");
    }

    @Test
    void neitherStrategyCopiesTheLastDataBeforeTheSourceIsFrozen() {
        List<Completion> done = new java.util.ArrayList<>(doneThrough("app-config", "continuous-sync"));
        done.addAll(List.of(completion("app-machines"), completion("app-image"), completion("scale-down"),
                completion("app-stopped")));
        assertEachStrategysLastCopyWaitsFor(done, "Freeze the source");
    }

    /**
     * The step that copies the last data (the drain, or the final sync) is blocked, once
     * the cutover has started, until the named step is done.
     */
    private void assertEachStrategysLastCopyWaitsFor(List<Completion> done, String step) {
        Map<String, java.util.Set<String>> cutoverStarted = Map.of("unset-database-url", java.util.Set.of("operator"));
        for (String strategy : List.of("continuous-sync", "full-redump")) {
            String copy = strategy.equals("continuous-sync") ? "sync-drain" : "final-sync";
            StepProgress last = new ProgressCalculator(seed, done, List.of(), cutoverStarted, Instant.now(), 14,
                    id -> id.equals("syncStrategy") ? strategy : "")
                .compute(1)
                .step(copy)
                .orElseThrow();
            assertThat(last.blockedReason()).as(copy).contains(step);
        }
    }

    @Test
    void aChecklistItemAsksForTheEvidenceOfTheChosenStrategy() {
        ItemProgress rows = progress("continuous-sync", List.of()).item("pre-rows-match").orElseThrow();
        assertThat(rows.missingEvidence()).containsExactly("Start continuous sync (initial copy, then stream)");
        ItemProgress same = progress("full-redump", List.of()).item("pre-rows-match").orElseThrow();
        assertThat(same.missingEvidence()).containsExactly("Verify the copy");
    }

    private MigrationProgress progress(String strategy, List<Completion> done) {
        return new ProgressCalculator(seed, done, List.<SignOffView>of(), Map.of(), Instant.now(), 14, values(strategy))
            .compute(1);
    }

    /**
     * The seed's defaults with the strategy chosen: steps that depend on a parameter
     * apply as on a new migration.
     */
    private Function<String, String> values(String strategy) {
        return id -> id.equals("syncStrategy") ? strategy : seed.parameter(id).map(p -> p.defaultValue()).orElse("");
    }

    /**
     * Every required step of the strategy done up to and including the phase (checklists
     * aside).
     */
    private List<Completion> doneThrough(String lastPhase, String strategy) {
        List<Completion> done = new ArrayList<>();
        for (Phase phase : seed.phases()) {
            for (Step step : phase.steps()) {
                if (!step.optional() && step.appliesWith(values(strategy))) {
                    done.add(completion(step.id()));
                }
            }
            if (phase.id().equals(lastPhase)) {
                break;
            }
        }
        return done;
    }

    private Completion completion(String stepId) {
        return new Completion(ids.incrementAndGet(), stepId, seed.phaseOfStep(stepId).orElseThrow().id(), "operator",
                Instant.now(), null, null);
    }

    private static PhaseState phaseState(MigrationProgress progress, String phaseId) {
        return progress.phase(phaseId).orElseThrow().state();
    }

}
