package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.DataPathFixture;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.TestDatabases;
import io.cutover.shared.PanelProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A dump that did not finish never stays in backups/, where upload-backups would copy it.
 */
@PanelTest
class PartialBackupTest {

    @Autowired
    RunApi api;

    @Autowired
    PanelProperties panel;

    @Test
    void aCancelledDumpIsMovedToPartialAndNamedSo() throws Exception {
        try (DataPathFixture db = new DataPathFixture(0.01);
                Connection lock = TestDatabases.connect(db.source);
                Statement st = lock.createStatement()) {
            long migration = api.createMigration("datapath-test",
                    "{\"sourceUrl\":\"" + db.sourceUrl() + "\",\"targetUrl\":\"" + db.targetUrl() + "\"}");
            api.runToEnd(migration, "preflight-backup");
            Path workdir = panel.dataDir().toAbsolutePath().normalize().resolve("migrations/" + migration);
            lock.setAutoCommit(false);
            st.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            long run = api.startOk(migration, "dump-custom");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !list(workdir.resolve("backups")).isEmpty());

            api.cancel("operator", run);
            String status = api.awaitEnd(run).get("status").asString();
            lock.rollback();

            assertThat(status).isEqualTo("CANCELLED");
            assertThat(list(workdir.resolve("backups"))).isEmpty();
            assertThat(list(workdir.resolve("partial"))).singleElement()
                .asString()
                .startsWith("db_")
                .endsWith(".dump.partial");
            assertThat(api.log(run)).contains("Moved the incomplete backups/db_")
                .contains("it is not a usable backup and will not be uploaded");
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

}
