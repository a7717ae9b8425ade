package io.cutover.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an operator sees of a step's newest run on the phase page itself, in a real
 * Chromium: a failed step is marked failed with its message and the phase names it as the
 * latest failure; a running step shows its log's tail as it grows.
 */
@PanelTest
class PhasePageBrowserTest {

    @Autowired
    RunApi runApi;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void aFailedStepShowsFailedWithItsMessageAndThePhaseNamesIt() {
        long migration = runApi.createMigration("exec-test", "{}");
        long run = runApi.startOk(migration, "fails");
        String message = runApi.awaitEnd(run).get("message").asString();
        Browser browser = chromium.signedInAs("viewer");

        browser.driver.get(browser.url("/migrations/" + migration + "/phases/exec"));

        WebElement card = browser.driver.findElement(By.id("step-fails"));
        assertThat(card.findElement(By.cssSelector(".step-icon")).getDomAttribute("aria-label")).isEqualTo("failed");
        assertThat(card.findElement(By.cssSelector(".run-badge")).getDomProperty("textContent").trim())
            .isEqualTo("failed");
        assertThat(card.findElement(By.cssSelector(".step-outcome-line")).getText()).isEqualTo(message);
        assertThat(card.findElement(By.cssSelector(".step-tail")).getText()).contains("failing");
        assertThat(card.findElement(By.cssSelector(".step-run-link")).getDomAttribute("href"))
            .isEqualTo("/migrations/" + migration + "/runs/" + run);
        WebElement alert = browser.driver.findElement(By.cssSelector(".phase-failure"));
        assertThat(alert.getText()).startsWith("Latest failure: Fails — run #" + run + " failed, exit 3: " + message);
        assertThat(browser.driver.findElement(By.cssSelector("#step-ok .step-icon")).getDomAttribute("aria-label"))
            .isEqualTo("not done");
    }

    @Test
    void aRunningStepShowsItsLiveTailOnThePhasePage() {
        long migration = runApi.createMigration("exec-test", "{}");
        long run = runApi.startOk(migration, "paced");
        Browser browser = chromium.signedInAs("viewer");

        browser.driver.get(browser.url("/migrations/" + migration + "/phases/exec"));

        browser.waitUntil("the tail shows line 3 while the step runs", () -> tail(browser).contains("line 3"));
        assertThat(runApi.status(run)).as("still running when the tail showed it").isEqualTo("RUNNING");
        assertThat(browser.driver.findElement(By.cssSelector("#step-paced .step-icon")).getDomAttribute("aria-label"))
            .isEqualTo("running");
        runApi.awaitEnd(run);
    }

    @SuppressWarnings("unchecked")
    private static List<String> tail(Browser browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver).executeScript(
                "return Array.from(document.querySelectorAll('#step-paced .log-panel .line-out'), l => l.textContent);");
    }

}
