package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.logstream.LogStream;
import io.cutover.secrets.SecretRedactor;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a restart finds: runs that were active become interrupted, and their processes are
 * ended.
 */
@PanelTest
class RestartRecoveryTest {

    @Autowired
    RunApi api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RestartRecovery recovery;

    @Autowired
    LogStream logStream;

    @Test
    void runningRunBecomesInterruptedAndItsLeftoverProcessIsEnded() throws Exception {
        long migration = api.createMigration("exec-test", "{}");
        // What a panel that died mid-run leaves behind: a RUNNING row and its child,
        // still alive.
        Process leftover = new ProcessBuilder("sleep", "300").start();
        long run = insertRunningRun(migration, leftover);

        recovery.run(null);

        assertThat(api.status(run)).isEqualTo("INTERRUPTED");
        assertThat(api.run(run).get("message").asString()).contains("restarted while this run was active");
        await().atMost(Duration.ofSeconds(10)).until(() -> !leftover.isAlive());
        assertThat(api.log(run)).contains("sys The panel restarted").contains("ended 1 leftover process");
        assertThat(api.startOk(migration, "ok")).as("the migration is free to run again").isPositive();
    }

    @Test
    void aRecycledPidIsNotMistakenForTheRunsProcess() throws Exception {
        long migration = api.createMigration("exec-test", "{}");
        Process bystander = new ProcessBuilder("sleep", "300").start();
        try {
            long run = insertRunningRunWithPids(migration,
                    bystander.pid() + ":" + (Instant.now().toEpochMilli() - 3_600_000));

            recovery.run(null);

            assertThat(api.status(run)).isEqualTo("INTERRUPTED");
            assertThat(bystander.isAlive()).as("a process that merely reuses the pid is left alone").isTrue();
        }
        finally {
            bystander.destroyForcibly();
        }
    }

    private long insertRunningRun(long migration, Process process) {
        return insertRunningRunWithPids(migration, ProcessTree.describe(List.of(process)));
    }

    private long insertRunningRunWithPids(long migration, String pids) {
        jdbc.update(
                "INSERT INTO run (migration_id, phase_id, step_id, kind, status, started_by, queued_at, started_at, pids, active_lock, version) "
                        + "VALUES (?, 'exec', 'long-tree', 'COMMAND', 'RUNNING', 'operator', ?, ?, ?, ?, 1)",
                migration, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), pids, migration);
        long run = jdbc.queryForObject("SELECT MAX(id) FROM run", Long.class);
        logStream.open(run, SecretRedactor.urlPasswordsOnly(), List.of()).out("half-way through");
        logStream.awaitStored(run, Duration.ofSeconds(5));
        return run;
    }

}
