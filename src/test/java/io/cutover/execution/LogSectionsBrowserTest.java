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
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A run log folds like GitHub Actions' (js/log-sections.js), in a real Chromium: the
 * {@code $ command} line's button hides the command's output and says how many lines it
 * hid, and shows them again; the log's text is unchanged by the button.
 */
@PanelTest
class LogSectionsBrowserTest {

    @Autowired
    RunApi runApi;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void aCommandSectionFoldsAndUnfolds() {
        long migration = runApi.createMigration("exec-test", "{}");
        long run = runApi.runToEnd(migration, "ok");
        Browser browser = chromium.signedInAs("viewer");

        browser.driver.get(browser.url("/migrations/" + migration + "/runs/" + run));
        browser.waitUntil("the whole log is shown", () -> "true"
            .equals(browser.driver.findElement(By.cssSelector(".log-panel")).getDomAttribute("data-ended")));
        WebElement head = browser.driver.findElement(By.cssSelector(".log-lines .log-section-head"));
        WebElement button = head.findElement(By.cssSelector("button.log-fold"));
        assertThat(head.getDomProperty("textContent")).startsWith("$ bash -c");
        assertThat(shownLines(browser)).contains("one", "two");
        assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");

        browser.click(button);

        assertThat(shownLines(browser)).doesNotContain("one", "two").anyMatch(l -> l.startsWith("$ bash -c"));
        assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("false");
        assertThat(head.getDomAttribute("data-folded-lines")).matches("\\d+ lines");

        browser.click(button);

        assertThat(shownLines(browser)).contains("one", "two");
        assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
    }

    /** The texts of the log lines a reader can see. */
    @SuppressWarnings("unchecked")
    private static List<String> shownLines(Browser browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver)
            .executeScript("return Array.from(document.querySelectorAll('.log-lines .line'))"
                    + ".filter(l => l.checkVisibility()).map(l => l.textContent);");
    }

}
