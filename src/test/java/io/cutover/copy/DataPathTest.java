package io.cutover.copy;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.DataPathFixture;
import io.cutover.OptionalTool;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.TestDatabases;
import io.cutover.logstream.Channel;
import io.cutover.logstream.LogStream;
import io.cutover.shared.PanelProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole data path on real PostgreSQL: preflight, exact inventory, both backups
 * verified, restore-test, parallel restore into a password-protected non-superuser's
 * database, and verification — then the same verification catching injected faults.
 */
@PanelTest
class DataPathTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PanelProperties panel;

    DataPathFixture db;

    @Autowired
    RunApi api;

    @Autowired
    LogStream stream;

    long migration;

    /**
     * The restore-test's scratch databases: the test run's own server (initdb refuses a
     * root JVM an embedded one).
     */
    @org.springframework.test.context.DynamicPropertySource
    static void scratchServer(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("cutover.copy.scratch-server", () -> io.cutover.TestPostgres.logical().url("postgres"));
        // Samples often enough to see a copy of a few thousand rows move.
        registry.add("cutover.copy.progress-every", () -> "100ms");
    }

    @BeforeEach
    void databases() {
        db = new DataPathFixture(0.1);
        migration = api.createMigration("datapath-test",
                "{\"sourceUrl\":\"" + db.sourceUrl() + "\",\"targetUrl\":\"" + db.targetUrl() + "\"}");
    }

    @AfterEach
    void dropDatabases() {
        db.close();
    }

    @Test
    void backupRestoreAndVerificationPassAndTheInventoryIsExact() throws Exception {
        for (String step : List.of("preflight-backup", "table-inventory", "dump-custom", "dump-plain", "verify-backup",
                "restore-test", "preflight-restore", "restore", "verify")) {
            assertThat(succeeds(step)).as(step).isEqualTo("SUCCEEDED");
        }

        Map<String, Long> actual = TestDatabases.exactCounts(db.source);
        JsonNode inventory = resultOf("table-inventory");
        assertThat(inventory.get("rows")).hasSize(actual.size());
        for (JsonNode row : inventory.get("rows")) {
            assertThat(row.get(2).asLong()).as(row.get(1).asString())
                .isEqualTo(actual.get(row.get(0).asString() + "." + row.get(1).asString()));
        }
        assertThat(TestDatabases.exactCounts(db.target)).isEqualTo(actual);
        assertThat(Files.readString(workdir().resolve("logs/table-inventory.txt"))).contains("posts")
            .contains(Long.toString(actual.get("public.posts")));
        assertManifestMatchesTheFiles();
        JsonNode dumped = lastProgress(runOf("dump-custom"), "Rows dumped");
        assertThat(dumped.get("state").asString()).isEqualTo("done");
        assertThat(dumped.get("done").asLong()).isEqualTo(dumped.get("total").asLong()).isPositive();
        JsonNode restored = lastProgress(runOf("restore"), "Rows restored");
        assertThat(restored.get("state").asString()).isEqualTo("done");
        assertThat(restored.get("done").asLong()).isEqualTo(restored.get("total").asLong());
        JsonNode verified = lastProgress(runOf("verify"), "Tables verified");
        assertThat(verified.get("state").asString()).isEqualTo("done");
        assertThat(verified.get("done").asLong()).as("tables on both sides").isEqualTo(2L * actual.size());
        assertThat(verified.get("bytesDone").asLong()).isEqualTo(verified.get("bytesTotal").asLong()).isPositive();
        assertThat(Files.readString(workdir().resolve("verification/verification-report.txt"))).contains("identical");
        assertNoPasswordAnywhere();
    }

    @Test
    void verificationNamesEachInjectedFault() throws Exception {
        succeeds("preflight-backup");
        succeeds("dump-custom");
        succeeds("preflight-restore");
        assertThat(succeeds("restore")).isEqualTo("SUCCEEDED");

        TestDatabases.execute(db.target, "DROP INDEX posts_title_trgm_idx");
        assertThat(differences()).contains("public.posts_title_trgm_idx|index missing on target");
        TestDatabases.execute(db.target,
                "CREATE INDEX posts_title_trgm_idx ON public.posts USING gin (title public.gin_trgm_ops)");

        TestDatabases.execute(db.target, "SELECT setval('audit_event_seq', 5)");
        assertThat(differences()).contains("public.audit_event_seq|sequence value");
        TestDatabases.execute(db.target, "SELECT setval('audit_event_seq', " + sourceSequence() + ")");

        TestDatabases.execute(db.target, "UPDATE users SET name = 'Changed' WHERE id = 7");
        assertThat(differences()).contains("public.users|content checksum").doesNotContain("public.users|row count");
        TestDatabases.execute(db.target, "UPDATE users SET name = 'User 7' WHERE id = 7");
        // posts has jsonb and tsvector columns, so it is hashed by its text rather than
        // by its stored values;
        // replica role: the touch trigger would change updated_at, which the revert could
        // not undo
        TestDatabases.execute(db.target,
                "SET session_replication_role = replica; UPDATE posts SET metadata = metadata || '{\"injected\": 1}' WHERE id = 3");
        assertThat(differences()).contains("public.posts|content checksum")
            .doesNotContain("public.users|content checksum");
        TestDatabases.execute(db.target,
                "SET session_replication_role = replica; UPDATE posts SET metadata = metadata - 'injected' WHERE id = 3");
        assertThat(verifyStatus()).as("everything restored as it was").isEqualTo("SUCCEEDED");

        TestDatabases.execute(db.target, "DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)");
        assertThat(differences()).contains("public.audit_log|row count");
    }

    @ParameterizedTest(name = "with {0}")
    @ValueSource(strings = { "pgcopydb", "pg_dump" })
    void finalSyncNeedsTypedConfirmationThenReplacesTheTargetWithNewerData(String engine) throws Exception {
        if (engine.equals("pgcopydb")) {
            OptionalTool.PGCOPYDB.require("DataPathTest's final sync with pgcopydb");
        }
        migration = api.createMigration("datapath-test", "{\"sourceUrl\":\"" + db.sourceUrl() + "\",\"targetUrl\":\""
                + db.targetUrl() + "\",\"engine\":\"" + engine + "\"}");
        succeeds("preflight-backup");
        succeeds("dump-custom");
        succeeds("preflight-restore");
        succeeds("restore");
        TestDatabases.execute(db.source,
                "INSERT INTO users (email, name) VALUES ('late@example.com', 'Signed up after the first copy')");

        // Fresh statistics, so the bar's estimated total is the exact one.
        TestDatabases.execute(db.source, "ANALYZE");
        assertThat(api.start("operator", migration, "final-sync", null)).hasStatus(400);
        long run = api.body(api.start("operator", migration, "final-sync", "replace")).get("id").asLong();

        JsonNode ended = api.awaitEnd(run);
        assertThat(ended.get("status").asString()).as(() -> api.log(run)).isEqualTo("SUCCEEDED");
        assertThat(ended.get("message").asString()).startsWith("Copied with " + engine + " in ").contains("identical");
        assertThat(TestDatabases.exactCounts(db.target)).isEqualTo(TestDatabases.exactCounts(db.source));
        assertProgressRoseToEveryRow(run);
        // No scratch copy of the data stays behind, and statistics are gathered exactly
        // once
        try (var left = Files.list(workdir().resolve("backups"))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.startsWith("pgcopydb-") || n.startsWith("final-sync-"));
        }
        if (engine.equals("pgcopydb")) {
            assertThat(api.log(run)).contains("ANALYZE skipped: pgcopydb has analyzed every table")
                .doesNotContain("ANALYZE done");
        }
        else {
            assertThat(api.log(run)).contains("ANALYZE done");
            assertTheDumpWasCountedBeforeTheRestore(run);
        }
    }

    /**
     * pg_dump runs before anything reaches the target: the bar counts the dump's rows on
     * the source first, to every row, and only then the target's.
     */
    private void assertTheDumpWasCountedBeforeTheRestore(long run) throws Exception {
        long rows = TestDatabases.exactCounts(db.source).values().stream().mapToLong(Long::longValue).sum();
        List<String> labels = progress(run).stream().map(p -> p.get("label").asString()).toList();
        assertThat(labels).as(() -> api.log(run)).contains("Rows dumped", "Rows copied");
        assertThat(labels.lastIndexOf("Rows dumped")).as("the dump's bar ends before the restore's starts")
            .isLessThan(labels.indexOf("Rows copied"));
        JsonNode dumped = lastProgress(run, "Rows dumped");
        assertThat(dumped.get("state").asString()).isEqualTo("done");
        assertThat(dumped.get("done").asLong()).isEqualTo(dumped.get("total").asLong()).isEqualTo(rows);
    }

    @Test
    void anInterruptedRestoreRunsAgainCleanlyOntoTheTargetThePanelFilled() throws Exception {
        succeeds("preflight-backup");
        succeeds("dump-custom");
        succeeds("preflight-restore");
        long first = api.rerunOk("operator", migration, "restore");
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(60))
            .until(() -> api.log(first).contains("progress") || !api.status(first).matches("QUEUED|RUNNING"));
        assertThat(mvc.post()
            .uri("/api/runs/" + first + "/cancel")
            .with(as("operator"))
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
            .content("{\"confirm\":\"cancel\"}")
            .exchange()
            .getResponse()
            .getStatus()).isIn(200, 409);
        api.awaitEnd(first);
        // Whatever the cancel caught, the target now holds objects of the panel's own
        // restore; make sure of a half-done one.
        TestDatabases.execute(db.target, "SET ROLE " + db.targetRole + "; DROP TABLE IF EXISTS audit_log CASCADE");

        assertThat(api.start("operator", migration, "restore", null))
            .as("emptying the panel's copy needs the typed confirmation")
            .hasStatus(400);
        var again = mvc.post()
            .uri("/api/migrations/" + migration + "/steps/restore/runs")
            .with(as("operator"))
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
            .content("{\"confirm\":\"refill\",\"rerun\":true}")
            .exchange();
        assertThat(again).hasStatus(201);
        long second = api.body(again).get("id").asLong();
        JsonNode ended = api.awaitEnd(second);

        assertThat(ended.get("status").asString()).as(() -> api.log(second)).isEqualTo("SUCCEEDED");
        assertThat(ended.get("message").asString()).contains("identical");
        assertThat(api.log(second)).contains("emptying it first").doesNotContain("already exists");
        assertThat(TestDatabases.exactCounts(db.target)).isEqualTo(TestDatabases.exactCounts(db.source));
    }

    @Test
    void restoreRefusesATargetThatIsNotEmpty() {
        TestDatabases.execute(db.target, "SET ROLE " + db.targetRole + "; CREATE TABLE leftovers (id int)");

        long run = api.rerunOk("operator", migration, "preflight-restore");
        JsonNode ended = api.awaitEnd(run);

        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        assertThat(ended.get("message").asString()).contains("target empty");
        assertThat(api.start("operator", migration, "restore", null)).as("the restore waits for a passing preflight")
            .hasStatus(409);
    }

    /**
     * The run page's bar: progress events whose done never goes back and ends at the
     * source's exact row count, and a plain line in the log.
     */
    private void assertProgressRoseToEveryRow(long run) throws Exception {
        long rows = TestDatabases.exactCounts(db.source).values().stream().mapToLong(Long::longValue).sum();
        List<JsonNode> progress = progress(run).stream()
            .filter(p -> p.get("label").asString().equals("Rows copied"))
            .toList();
        assertThat(progress).as(() -> api.log(run)).isNotEmpty();
        assertThat(progress.stream().map(p -> p.get("done").asLong()).toList()).isSorted();
        JsonNode last = progress.get(progress.size() - 1);
        assertThat(last.get("state").asString()).isEqualTo("done");
        assertThat(last.get("total").asLong()).isEqualTo(rows);
        assertThat(last.get("done").asLong()).isEqualTo(rows);
        assertThat(last.get("percent").asInt()).isEqualTo(100);
        assertThat(api.log(run))
            .contains(String.format(java.util.Locale.ROOT, "Progress 100 %%: %,d of %,d rows", rows, rows))
            .doesNotContain("\"state\":");
    }

    private List<JsonNode> progress(long run) {
        return stream.read(run, 0, 100_000)
            .stream()
            .filter(e -> e.channel() == Channel.PROGRESS)
            .map(e -> json.readTree(e.text()))
            .toList();
    }

    /**
     * The run's last progress event of one kind (a restore's rows, not its verification's
     * tables).
     */
    private JsonNode lastProgress(long run, String label) {
        List<JsonNode> all = progress(run).stream().filter(p -> p.get("label").asString().equals(label)).toList();
        assertThat(all).as(() -> api.log(run)).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private long runOf(String step) {
        JsonNode runs = api.body(mvc.get().uri("/api/migrations/" + migration + "/runs").with(as("viewer")).exchange());
        for (JsonNode r : runs) {
            if (r.get("stepId").asString().equals(step)) {
                return r.get("id").asLong();
            }
        }
        throw new AssertionError(step);
    }

    private String succeeds(String step) {
        long run = api.rerunOk("operator", migration, step);
        String status = api.awaitEnd(run).get("status").asString();
        assertThat(status).as(() -> step + " failed:\n" + api.log(run)).isEqualTo("SUCCEEDED");
        return status;
    }

    private String verifyStatus() {
        return api.awaitEnd(api.rerunOk("operator", migration, "verify")).get("status").asString();
    }

    /** "object|difference" of every difference the verification reports. */
    private List<String> differences() {
        long run = api.rerunOk("operator", migration, "verify");
        JsonNode ended = api.awaitEnd(run);
        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        JsonNode rows = json.readTree(ended.get("resultJson").asString()).get("rows");
        return Stream.iterate(0, i -> i < rows.size(), i -> i + 1)
            .map(rows::get)
            .filter(r -> r.get(4).asString().equals("DIFFERENT"))
            .map(r -> r.get(0).asString() + "|" + r.get(1).asString())
            .toList();
    }

    private JsonNode resultOf(String step) {
        JsonNode runs = api.body(mvc.get().uri("/api/migrations/" + migration + "/runs").with(as("viewer")).exchange());
        for (JsonNode r : runs) {
            if (r.get("stepId").asString().equals(step)) {
                return json.readTree(r.get("resultJson").asString());
            }
        }
        throw new AssertionError(step);
    }

    private long sourceSequence() throws Exception {
        try (Connection c = TestDatabases.connect(db.source);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT last_value FROM audit_event_seq")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertManifestMatchesTheFiles() throws Exception {
        String manifest = Files.readString(workdir().resolve("logs/backup-manifest.txt"));
        try (Stream<Path> backups = Files.list(workdir().resolve("backups"))) {
            for (Path file : backups.filter(Files::isRegularFile).toList()) {
                String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
                assertThat(manifest).contains(sha).contains(Long.toString(Files.size(file)));
            }
        }
        assertThat(manifest).contains("objects").contains("gzip test passed");
    }

    /** The target's password may reach the child only through the passfile. */
    private void assertNoPasswordAnywhere() throws Exception {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM run_log WHERE text LIKE ?", Long.class,
                "%" + db.targetPassword + "%"))
            .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM run WHERE argv_masked LIKE ?", Long.class,
                "%" + db.targetPassword + "%"))
            .isZero();
        try (Stream<Path> files = Files.walk(workdir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as(f.toString())
                    .doesNotContain(db.targetPassword);
            }
        }
    }

    private Path workdir() {
        return panel.dataDir().toAbsolutePath().normalize().resolve("migrations").resolve(Long.toString(migration));
    }

}
