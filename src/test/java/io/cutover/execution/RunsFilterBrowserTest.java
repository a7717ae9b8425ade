package io.cutover.execution;

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
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The runs filters in a real Chromium: choosing a status swaps the list in place (htmx)
 * and puts the filter in the address bar, so reloading or bookmarking shows the same
 * runs.
 */
@PanelTest
class RunsFilterBrowserTest {

    @Autowired
    RunApi runApi;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void choosingAStatusSwapsTheListAndTheUrlKeepsIt() {
        long migration = runApi.createMigration("exec-test", "{}");
        long failed = runApi.runToEnd(migration, "fails");
        long succeeded = runApi.runToEnd(migration, "ok");
        Browser browser = chromium.signedInAs("viewer");
        browser.driver.get(browser.url("/migrations/" + migration + "/runs"));
        assertThat(rows(browser)).containsExactly("run-row-" + succeeded, "run-row-" + failed);
        ((JavascriptExecutor) browser.driver).executeScript("document.body.dataset.loaded = 'once';");

        new Select(browser.driver.findElement(By.id("filter-status"))).selectByValue("FAILED");

        browser.waitUntil("only the failed run is listed", () -> rows(browser).equals(List.of("run-row-" + failed)));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/migrations/" + migration + "/runs?status=FAILED");
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return document.body.dataset.loaded;"))
            .as("swapped in place, not a new page")
            .isEqualTo("once");
        assertThat(browser.driver.findElement(By.id("run-row-" + failed)).getText()).contains("Fails");

        browser.driver.navigate().refresh();

        assertThat(rows(browser)).containsExactly("run-row-" + failed);
        assertThat(new Select(browser.driver.findElement(By.id("filter-status"))).getFirstSelectedOption().getText())
            .isEqualTo("failed");
    }

    @SuppressWarnings("unchecked")
    private static List<String> rows(Browser browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver)
            .executeScript("return Array.from(document.querySelectorAll('#runs-list tbody tr'), r => r.id);");
    }

}
