package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.DataPathFixture;
import io.cutover.PanelProcess;
import io.cutover.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A panel killed with SIGKILL while pg_dump runs: the pg_dump dies with it, and after the
 * restart no passfile is left anywhere in the data directory and the half-written dump is
 * out of backups/.
 */
class PanelKillLeftoversTest {

    @TempDir
    Path dataDir;

    @Test
    void aKilledPanelTakesItsPgDumpAlongAndLeavesNoPassfileOrPartialBackupAfterItsRestart() throws Exception {
        try (DataPathFixture db = new DataPathFixture(0.01);
                Connection lock = TestDatabases.connect(db.source);
                Statement st = lock.createStatement()) {
            String source = "postgres://postgres:Kill-Test-Pw@" + TestDatabases.host() + ":" + TestDatabases.port()
                    + "/" + db.source;
            long migration;
            long run;
            ProcessHandle pgDump;
            try (PanelProcess panel = PanelProcess.start(dataDir, "panel-1")) {
                migration = panel.createMigration("datapath-test",
                        "{\"sourceUrl\":\"" + source + "\",\"targetUrl\":\"" + db.targetUrl() + "\"}");
                assertThat(panel.runToEnd(migration, "preflight-backup").get("status").asString())
                    .isEqualTo("SUCCEEDED");
                // pg_dump waits for this lock: it is mid-run, its passfile in place, its
                // dump file begun
                lock.setAutoCommit(false);
                st.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
                run = json(panel.startRun(migration, "dump-custom").body()).get("id").asLong();
                pgDump = Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> child(panel.handle(), "pg_dump"), Optional::isPresent)
                    .orElseThrow();
                Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !files(dataDir, "pgpass").isEmpty() && !files(dataDir, ".dump").isEmpty());

                panel.kill();

                Awaitility.await("pg_dump ends with the panel")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !pgDump.isAlive());
            }
            lock.rollback();
            try (PanelProcess restarted = PanelProcess.start(dataDir, "panel-2")) {
                JsonNode interrupted = restarted.run(run);

                assertThat(interrupted.get("status").asString()).isEqualTo("INTERRUPTED");
                assertThat(files(dataDir, "pgpass")).as("passfiles after the restart").isEmpty();
                Path workdir = dataDir.resolve("migrations/" + migration);
                assertThat(list(workdir.resolve("backups"))).as("backups/ holds no partial dump").isEmpty();
                assertThat(list(workdir.resolve("partial"))).singleElement().asString().endsWith(".dump.partial");
            }
        }
    }

    private static Optional<ProcessHandle> child(ProcessHandle panel, String command) {
        try (Stream<ProcessHandle> all = panel.descendants()) {
            return all.filter(h -> h.info().command().map(c -> c.endsWith("/" + command)).orElse(false)).findFirst();
        }
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static List<String> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static JsonNode json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }

}
