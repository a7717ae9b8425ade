package io.cutover.wizard;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Evidence an approver can open, in a real Chromium: a checklist item's evidence link
 * opens the run its sign-off is bound to, also from a checklist on another phase; a file
 * a run wrote opens from the run page.
 */
@PanelTest
class EvidenceBrowserTest {

    @Autowired
    RunApi runApi;

    @Autowired
    MockMvcTester mvc;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void anEvidenceLinkOpensTheBoundRunAcrossPhases() {
        long migration = runApi.createMigration("exec-test", "{}");
        long bound = runApi.runToEnd(migration, "proof-run");
        assertThat(mvc.post()
            .uri("/api/migrations/" + migration + "/gate-items/proof-ok/sign-off")
            .with(as("approver"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"comment\":\"read it\"}")
            .exchange()).hasStatusOk();
        Browser browser = chromium.signedInAs("approver");

        browser.driver.get(browser.url("/migrations/" + migration + "/phases/proof"));
        browser.click(browser.driver.findElement(By.cssSelector("#item-proof-ok a.evidence-link")));
        browser.waitUntil("the bound run opens",
                () -> browser.driver.getCurrentUrl().endsWith("/migrations/" + migration + "/runs/" + bound));
        assertThat(browser.driver.findElement(By.tagName("h1")).getText())
            .isEqualTo("Run " + bound + ": Produces evidence");

        browser.driver.get(browser.url("/migrations/" + migration + "/phases/after"));
        browser.click(browser.driver.findElement(By.cssSelector("#item-after-go a.evidence-link")));
        browser.waitUntil("the run opens from the next phase's checklist",
                () -> browser.driver.getCurrentUrl().endsWith("/migrations/" + migration + "/runs/" + bound));
    }

    @Test
    void aFileARunWroteOpensFromItsRunPage() {
        long migration = runApi.createMigration("exec-test", "{}");
        long run = runApi.runToEnd(migration, "produces");
        Browser browser = chromium.signedInAs("viewer");

        browser.driver.get(browser.url("/migrations/" + migration + "/runs/" + run));
        browser.click(browser.driver.findElement(By.cssSelector("a.artifact-link")));

        browser.waitUntil("the file's page opens",
                () -> browser.driver.getCurrentUrl().matches(".*/migrations/" + migration + "/artifacts/\\d+$"));
        assertThat(browser.driver.findElement(By.cssSelector("pre.artifact-text")).getText()).isEqualTo("data");
    }

}
