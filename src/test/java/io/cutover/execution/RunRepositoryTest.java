package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The runs list's filters and pages in SQL: an empty filter matches every run. */
@DataJdbcTest
class RunRepositoryTest {

    @Autowired
    RunRepository runs;

    @Autowired
    JdbcTemplate jdbc;

    long migration;

    @BeforeEach
    void runsOfTwoMigrations() {
        migration = migration("filtered");
        long other = migration("other");
        ended(migration, "backup", "dump", "alice", RunStatus.SUCCEEDED);
        ended(migration, "backup", "dump", "bob", RunStatus.FAILED);
        ended(migration, "data", "restore", "alice", RunStatus.FAILED);
        ended(migration, "data", "restore", "alice", RunStatus.SUCCEEDED);
        ended(other, "data", "restore", "alice", RunStatus.FAILED);
    }

    @Test
    void eachFilterNarrowsTheRunsOfThisMigrationNewestFirst() {
        assertThat(runs.findFiltered(migration, "", "", "", "", 50, 0))
            .extracting(r -> r.stepId() + " " + r.startedBy())
            .containsExactly("restore alice", "restore alice", "dump bob", "dump alice");
        assertThat(runs.findFiltered(migration, "data", "", "FAILED", "", 50, 0)).singleElement()
            .extracting(Run::status)
            .isEqualTo(RunStatus.FAILED);
        assertThat(runs.findFiltered(migration, "", "dump", "", "bob", 50, 0)).extracting(Run::startedBy)
            .containsExactly("bob");
        assertThat(runs.countFiltered(migration, "", "", "FAILED", "")).isEqualTo(2);
        assertThat(runs.countFiltered(migration, "", "", "", "alice")).isEqualTo(3);
    }

    @Test
    void aPageSkipsTheNewerRuns() {
        assertThat(runs.findFiltered(migration, "", "", "", "", 2, 2)).extracting(Run::startedBy)
            .containsExactly("bob", "alice");
        assertThat(runs.findFiltered(migration, "", "", "", "", 2, 4)).isEmpty();
    }

    private long migration(String name) {
        jdbc.update("INSERT INTO migration (name, runbook_id, runbook_version, created_by, created_at, version)"
                + " VALUES (?, 'flex-to-mpg', 1, 'admin', CURRENT_TIMESTAMP, 0)", name);
        return jdbc.queryForObject("SELECT id FROM migration WHERE name = ?", Long.class, name);
    }

    private void ended(long migrationId, String phase, String step, String by, RunStatus status) {
        Run run = Run.queue(migrationId, phase, step, "COMMAND", by, Instant.now());
        run.finished(status, status == RunStatus.SUCCEEDED ? 0 : 1, null, null, Instant.now());
        runs.save(run);
    }

}
