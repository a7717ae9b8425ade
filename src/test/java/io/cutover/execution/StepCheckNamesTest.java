package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import io.cutover.runbook.Runbooks;
import io.cutover.runbook.StepKind;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The names runbooks give their checks are data on each check's class
 * ({@code @StepCheck.Named}): every check has one, no two share it, and every check a
 * shipped runbook names is there to run.
 */
@PanelTest
class StepCheckNamesTest {

    @Autowired
    List<StepCheck> checks;

    @Autowired
    Runbooks runbooks;

    @Test
    void everyCheckHasItsOwnNameAndEveryNamedCheckExists() {
        List<String> names = checks.stream().map(StepCheck::name).toList();
        assertThat(names).doesNotHaveDuplicates()
            .contains("restore", "restore-test", "reverse-replay", "reverse-capture-start", "reverse-capture-remove",
                    "final-sync", "sync-start", "sync-verify", "source-freeze", "freeze-proof", "workdir")
            .hasSize(27);
        Set<String> named = runbooks.all()
            .stream()
            .flatMap(r -> r.allPhases())
            .flatMap(p -> p.steps().stream())
            .filter(s -> s.kind() == StepKind.CHECK)
            .map(s -> s.check())
            .collect(Collectors.toSet());
        assertThat(names).containsAll(named);
    }

}
