package io.cutover.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * axe-core (4.11.0 from the npm registry, vendored under src/test/resources/axe with its
 * MPL-2.0 licence) run in a real Chromium on the pages people read under pressure: no
 * WCAG 2.1 A or AA violation on a phase page with a failed and a done step, on a run page
 * (a query's, and a command's with its foldable log section), on the filtered runs and
 * audit lists, on the report, or on the data-migration page under continuous sync (whose
 * full-redump steps recede as not used with this strategy).
 */
@PanelTest
public class AccessibilityBrowserTest {

    @Autowired
    RunApi runApi;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void thePhaseRunAndReportPagesHaveNoWcagAaViolations() throws IOException {
        long migration = runApi.createMigration("exec-test", "{}");
        runApi.runToEnd(migration, "fails");
        long query = runApi.runToEnd(migration, "query");
        long hinty = runApi.runToEnd(migration, "hinty");
        long sync = runApi.createMigration("flex-to-mpg", "{\"syncStrategy\":\"continuous-sync\"}");
        Browser browser = chromium.signedInAs("operator");

        for (String page : List.of("/migrations/" + migration + "/phases/exec",
                "/migrations/" + migration + "/runs/" + query, "/migrations/" + migration + "/runs/" + hinty,
                "/migrations/" + migration + "/runs", "/migrations/" + migration + "/audit",
                "/migrations/" + migration + "/report", "/migrations/" + sync + "/phases/data-migration")) {
            browser.driver.get(browser.url(page));
            if (page.matches(".*/runs/\\d+")) {
                browser.waitUntil("the run's whole log is shown",
                        () -> !browser.driver.findElements(org.openqa.selenium.By.cssSelector(".log-panel[data-ended]"))
                            .isEmpty());
            }
            assertThat(violations(browser)).as("WCAG A/AA violations on %s", page).isEmpty();
        }
    }

    /** Each violation as "rule: first failing element — why". */
    public static List<String> violations(Browser browser) throws IOException {
        return violations(browser, "html");
    }

    /** The same for the part of the page a CSS selector names. */
    @SuppressWarnings("unchecked")
    public static List<String> violations(Browser browser, String selector) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        js.executeScript(axe());
        Object result = js.executeAsyncScript(
                """
                        const done = arguments[arguments.length - 1];
                        axe.run(arguments[0], {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                          .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.length + ' × ' + v.nodes[0].html.substring(0, 160)
                              + ' — ' + v.nodes[0].failureSummary.replace(/\\s+/g, ' '))))
                          .catch(e => done(['axe failed: ' + e]));""",
                selector);
        return (List<String>) result;
    }

    private static String axe() throws IOException {
        try (InputStream in = AccessibilityBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
