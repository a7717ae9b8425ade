package io.cutover.fly;

import io.cutover.runbook.Runbook;
import io.cutover.runbook.Runbooks;
import io.cutover.runbook.Step;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a runbook that contains a Fly command the panel must never run.
 */
@Component
class FlyCommandGuard {

    FlyCommandGuard(Runbooks runbooks, Flyctl flyctl) {
        List<String> problems = new ArrayList<>();
        for (Runbook runbook : runbooks.all()) {
            runbook.allPhases()
                .flatMap(p -> p.steps().stream())
                .forEach((Step step) -> step.commands()
                    .forEach(argv -> flyctl.refusal(argv)
                        .ifPresent(why -> problems.add(runbook.source() + ", step '" + step.id() + "': " + why))));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Runbook refused:\n  - " + String.join("\n  - ", problems));
        }
    }

}
