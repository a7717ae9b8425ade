package io.cutover.execution;

import io.cutover.shared.ListPage;
import java.util.List;
import org.springframework.stereotype.Component;

/** A migration's runs as the runs list pages through them, newest first. */
@Component
class RunHistory {

    static final int PAGE_SIZE = 50;

    private final RunRepository runs;

    RunHistory(RunRepository runs) {
        this.runs = runs;
    }

    ListPage<RunView> page(long migrationId, RunFilter filter, int page, String path) {
        List<RunView> rows = runs
            .findFiltered(migrationId, filter.phase(), filter.step(), filter.status(), filter.actor(), PAGE_SIZE,
                    ListPage.offset(page, PAGE_SIZE))
            .stream()
            .map(Run::toView)
            .toList();
        long total = runs.countFiltered(migrationId, filter.phase(), filter.step(), filter.status(), filter.actor());
        return new ListPage<>(rows, page, PAGE_SIZE, total, path, filter.asParameters());
    }

    /** Everyone who started a run of this migration, for the actor filter. */
    List<String> actors(long migrationId) {
        return runs.performers(migrationId)
            .stream()
            .map(RunRepository.StepPerformer::startedBy)
            .distinct()
            .sorted()
            .toList();
    }

}
