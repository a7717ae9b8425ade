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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The panel on a phone (a 390 × 844 CSS-pixel viewport, an iPhone's): no page scrolls
 * sideways (wide tables scroll inside their own box), and on the Cutover page the phase
 * itself starts on the first screen, the rail folded into its summary above it.
 */
@PanelTest
class PhoneWidthBrowserTest {

    private static final int WIDTH = 390;

    private static final int HEIGHT = 844;

    @Autowired
    RunApi runApi;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void noPageScrollsSidewaysAndTheCutoverPhaseStartsOnTheFirstScreen() {
        long migration = runApi.createMigration("flex-to-mpg", "{}");
        long exec = runApi.createMigration("exec-test", "{}");
        runApi.runToEnd(exec, "fails");
        runApi.runToEnd(exec, "ok");
        Browser browser = chromium.signedInAs("operator");
        phone(browser);

        for (String page : List.of("/migrations/" + migration + "/phases/cutover",
                "/migrations/" + migration + "/phases/data-migration", "/migrations/" + exec + "/runs",
                "/migrations/" + exec + "/audit", "/migrations/" + migration + "/parameters")) {
            browser.driver.get(browser.url(page));
            assertThat(innerWidth(browser)).as("the viewport").isEqualTo(WIDTH);
            assertThat(scrollWidth(browser)).as("how wide %s scrolls (wider: %s)", page, widerThanScreen(browser))
                .isLessThanOrEqualTo(WIDTH);
        }

        browser.driver.get(browser.url("/migrations/" + migration + "/phases/cutover"));
        assertThat(top(browser, "#phase-body")).as("where the phase body starts").isLessThan(HEIGHT - 100);
        assertThat(browser.driver.findElement(By.cssSelector("nav.phase-rail")).isDisplayed()).as("the rail, folded")
            .isFalse();
        browser.click(browser.driver.findElement(By.cssSelector("#phase-rail-fold > summary")));
        assertThat(browser.driver.findElement(By.cssSelector("nav.phase-rail a[href$='/phases/backup']")).isDisplayed())
            .as("the rail, unfolded")
            .isTrue();
    }

    @Test
    void fromLgTheRailIsOpenWithoutItsSummary() {
        long migration = runApi.createMigration("flex-to-mpg", "{}");
        Browser browser = chromium.signedInAs("viewer");
        browser.driver.manage().window().setSize(new Dimension(1280, 900));

        browser.driver.get(browser.url("/migrations/" + migration + "/phases/cutover"));

        assertThat(visible(browser, "nav.phase-rail a[href$='/phases/backup']")).as("the rail").isTrue();
        assertThat(visible(browser, "#phase-rail-fold > summary")).as("its summary").isFalse();
    }

    /**
     * Sets the viewport (not the window, whose frame differs between headless builds) to
     * the phone's size.
     */
    private static void phone(Browser browser) {
        browser.driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        long extraWidth = WIDTH - innerWidth(browser);
        long extraHeight = HEIGHT - ((Number) js(browser).executeScript("return window.innerHeight;")).longValue();
        browser.driver.manage().window().setSize(new Dimension(WIDTH + (int) extraWidth, HEIGHT + (int) extraHeight));
    }

    private static long innerWidth(Browser browser) {
        return ((Number) js(browser).executeScript("return window.innerWidth;")).longValue();
    }

    private static long scrollWidth(Browser browser) {
        return ((Number) js(browser).executeScript("return document.scrollingElement.scrollWidth;")).longValue();
    }

    private static double top(Browser browser, String selector) {
        return ((Number) js(browser).executeScript(
                "return document.querySelector(arguments[0]).getBoundingClientRect().top + window.scrollY;", selector))
            .doubleValue();
    }

    /**
     * The innermost elements reaching past the screen's right edge, to say what to fix.
     */
    private static Object widerThanScreen(Browser browser) {
        return js(browser).executeScript(
                """
                        return Array.from(document.querySelectorAll('body *'))
                          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                            && !Array.from(e.children).some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
                          .slice(0, 8)
                          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className + ' → ' + Math.round(e.getBoundingClientRect().right));""");
    }

    /**
     * Whether the element is rendered (Selenium's isDisplayed counts everything in a
     * closed details element as hidden, even when CSS shows it).
     */
    private static boolean visible(Browser browser, String selector) {
        return (Boolean) js(browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e.checkVisibility() && e.getBoundingClientRect().height > 0;",
                selector);
    }

    private static JavascriptExecutor js(Browser browser) {
        return (JavascriptExecutor) browser.driver;
    }

}
