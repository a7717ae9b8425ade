package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The files runs produced, as approvers and operators open them: text inline, dumps for
 * operators only, nothing outside the working directory.
 */
@PanelTest
class ArtifactPagesTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RunApi runApi;

    @Autowired
    ArtifactRepository artifacts;

    @Autowired
    Workspace workspace;

    @Test
    void aTextFileIsShownInlineAndDownloadsAsText() {
        long migration = runApi.createMigration("exec-test", "{}");
        runApi.runToEnd(migration, "produces");
        ArtifactView file = artifacts.forMigration(migration).get(0);

        assertThat(mvc.get()
            .uri("/migrations/" + migration + "/artifacts/" + file.id())
            .with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("<pre class=\"artifact-text\" tabindex=\"0\" aria-label=\"File contents\">data\n</pre>")
            .contains(file.sha256());
        assertThat(mvc.get()
            .uri("/migrations/" + migration + "/artifacts/" + file.id() + "/download")
            .with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .hasHeader("Content-Disposition", "attachment; filename=\"" + Path.of(file.path()).getFileName() + "\"")
            .bodyText()
            .isEqualTo("data\n");
    }

    @Test
    void aDumpDownloadsForOperatorsOnly() throws Exception {
        long migration = runApi.createMigration("exec-test", "{}");
        long run = runApi.runToEnd(migration, "ok");
        Files.write(workspace.of(migration).resolve("backups/db.dump"),
                new byte[] { 'P', 'G', 'D', 'M', 'P', 0, 1, 2 });
        artifacts.insert(new ArtifactView(0, migration, run, "custom-dump", "backups/db.dump", 8, "00", Instant.now()));
        long id = artifacts.newest(migration, "custom-dump").orElseThrow().id();

        assertThat(mvc.get()
            .uri("/migrations/" + migration + "/artifacts/" + id + "/download")
            .with(user("viewer").roles("VIEWER"))).hasStatus(403);
        assertThat(mvc.get()
            .uri("/migrations/" + migration + "/artifacts/" + id + "/download")
            .with(user("operator").roles("OPERATOR"))).hasStatusOk().hasContentType("application/octet-stream");
        assertThat(mvc.get().uri("/migrations/" + migration + "/artifacts/" + id).with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .bodyText()
            .contains("Not a text file (a dump): operators and admins can download it.");
    }

    @Test
    void aRecordedPathOutsideTheWorkingDirectoryIsRefused() {
        long migration = runApi.createMigration("exec-test", "{}");
        long run = runApi.runToEnd(migration, "ok");
        artifacts.insert(
                new ArtifactView(0, migration, run, "evil", "../../../../../../etc/passwd", 1, "00", Instant.now()));
        long id = artifacts.newest(migration, "evil").orElseThrow().id();

        assertThat(mvc.get()
            .uri("/migrations/" + migration + "/artifacts/" + id + "/download")
            .with(user("admin").roles("ADMIN"))).hasStatus(403).bodyText().doesNotContain("root:");
        assertThat(mvc.get().uri("/migrations/" + migration + "/artifacts/" + id).with(user("admin").roles("ADMIN")))
            .hasStatus(403);
        assertThat(mvc.get()
            .uri("/migrations/" + (migration + 1000) + "/artifacts/" + id)
            .with(user("admin").roles("ADMIN"))).hasStatus(404);
    }

}
