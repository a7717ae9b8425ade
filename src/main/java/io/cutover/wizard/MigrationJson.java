package io.cutover.wizard;

import io.cutover.execution.RunView;
import io.cutover.execution.StepNotices;
import io.cutover.gate.GateProgress;
import io.cutover.gate.ItemProgress;
import io.cutover.gate.MigrationProgress;
import io.cutover.gate.PhaseProgress;
import io.cutover.gate.PhaseState;
import io.cutover.gate.StepProgress;
import io.cutover.migration.Completion;
import io.cutover.migration.MigrationDetails;
import io.cutover.migration.ParameterView;
import io.cutover.signoff.SignOffView;
import java.util.List;
import java.util.Map;

/**
 * The API's view of a migration: parameters (secrets masked), phases, steps with their
 * latest run, and checklists.
 */
record MigrationJson(long id, String name, String runbookId, List<ParameterView> parameters, List<PhaseJson> phases,
        List<PhaseJson> flows) {

    static MigrationJson of(MigrationDetails details, MigrationProgress progress, Map<String, RunView> latestRuns,
            Map<String, StepNotices.Notice> notices) {
        return new MigrationJson(details.id(), details.name(), details.runbookId(), details.parameters(),
                progress.phases().stream().map(p -> PhaseJson.of(p, latestRuns, notices)).toList(),
                progress.flows().stream().map(p -> PhaseJson.of(p, latestRuns, notices)).toList());
    }

    /**
     * @param opensAt when a running stable period lets the phase open, else null
     */
    record PhaseJson(String id, String title, PhaseState state, String closedReason, java.time.Instant opensAt,
            List<StepJson> steps, List<GateJson> gates) {
        static PhaseJson of(PhaseProgress p, Map<String, RunView> latestRuns, Map<String, StepNotices.Notice> notices) {
            return new PhaseJson(p.phase().id(), p.phase().title(), p.state(), p.closedReason(), p.opensAt(),
                    p.steps()
                        .stream()
                        .map(s -> StepJson.of(s, latestRuns.get(s.step().id()), notices.get(s.step().id())))
                        .toList(),
                    p.gates().stream().map(GateJson::of).toList());
        }
    }

    record StepJson(String id, String title, String kind, boolean optional, boolean applicable, boolean done,
            int timesDone, Completion latest, boolean mayAct, String blockedReason, RunView latestRun,
            StepNotices.Notice notice) {
        static StepJson of(StepProgress s, RunView latestRun, StepNotices.Notice notice) {
            return new StepJson(s.step().id(), s.step().title(), s.step().kind().name().toLowerCase(),
                    s.step().optional(), s.applicable(), s.done(), s.timesDone(), s.latest(), s.mayAct(),
                    s.blockedReason(), latestRun, notice);
        }
    }

    record GateJson(String id, String title, String position, boolean critical, int approvals, boolean signed,
            boolean signable, String closedReason, List<ItemJson> items) {
        static GateJson of(GateProgress g) {
            return new GateJson(g.gate().id(), g.gate().title(), g.gate().position().name().toLowerCase(),
                    g.gate().critical(), g.gate().approvals(), g.signed(), g.signable(), g.closedReason(),
                    g.items().stream().map(ItemJson::of).toList());
        }
    }

    record ItemJson(String id, String text, List<String> evidence, List<String> missingEvidence, boolean satisfied,
            List<SignOffView> signOffs, List<SignOffView> history) {
        static ItemJson of(ItemProgress i) {
            return new ItemJson(i.item().id(), i.item().text(), i.item().evidence(), i.missingEvidence(), i.satisfied(),
                    i.counting(), i.history());
        }
    }
}
