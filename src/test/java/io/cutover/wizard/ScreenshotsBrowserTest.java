package io.cutover.wizard;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Takes the screenshots in docs/screenshots (headless Chromium): the phase page with a
 * failed and a done step, the migration list, and the report with its cutover timeline
 * after a rehearsed cutover. Run on purpose only:
 * {@code ./mvnw test -Dtest=ScreenshotsBrowserTest -Dcutover.screenshots=docs/screenshots}.
 */
@PanelTest
@EnabledIfSystemProperty(named = "cutover.screenshots", matches = ".+")
class ScreenshotsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    RunApi runApi;

    @Autowired
    MockMvcTester mvc;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void takeTheScreenshots() throws Exception {
        Path dir = Path.of(System.getProperty("cutover.screenshots"));
        Files.createDirectories(dir);
        long exec = runApi.createMigration("exec-test", "{}");
        runApi.runToEnd(exec, "ok");
        runApi.runToEnd(exec, "hinty");
        runApi.runToEnd(exec, "query");
        long cutover = runApi.createMigration("guarded-test",
                "{\"siteUrl\":\"http://localhost:" + port + "/login\",\"copySeconds\":\"2\"}");
        runApi.runToEnd(cutover, "copy");
        assertThat(mvc.post()
            .uri("/api/migrations/" + cutover + "/gate-items/copy-ok/sign-off")
            .with(as("approver"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"comment\":\"row counts match\"}")
            .exchange()).hasStatusOk();
        for (String step : new String[] { "stop", "final-copy", "switch", "start" }) {
            var started = runApi.start("operator", cutover, step,
                    step.equals("stop") || step.equals("start") ? "demo-app" : null);
            runApi.awaitEnd(runApi.body(started).get("id").asLong());
        }
        Browser browser = chromium.signedInAs("operator");
        browser.driver.manage().window().setSize(new Dimension(1280, 1400));

        shoot(browser, "/migrations/" + exec + "/phases/exec", dir.resolve("phase-page.png"));
        shoot(browser, "/migrations", dir.resolve("migration-list.png"));
        browser.waitUntil("the downtime is measured", () -> {
            browser.driver.get(browser.url("/migrations/" + cutover + "/report"));
            return browser.driver.getPageSource().contains("Measured downtime:");
        });
        shoot(browser, "/migrations/" + cutover + "/report", dir.resolve("report.png"));
        Files.write(dir.resolve("cutover-timeline.png"),
                browser.driver.findElement(By.cssSelector(".timeline-figure")).getScreenshotAs(OutputType.BYTES));
        shoot(browser, "/migrations/" + cutover + "/phases/cutover", dir.resolve("cutover-phase.png"));
    }

    private static void shoot(Browser browser, String page, Path file) throws Exception {
        browser.driver.get(browser.url(page));
        browser.waitUntil("htmx has loaded the page's parts",
                () -> browser.driver.findElements(By.cssSelector(".htmx-request")).isEmpty());
        Object height = ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeScript("return document.documentElement.scrollHeight;");
        browser.driver.manage()
            .window()
            .setSize(new Dimension(1280, Math.min(4000, ((Number) height).intValue() + 40)));
        Files.write(file, ((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.BYTES));
        browser.driver.manage().window().setSize(new Dimension(1280, 1400));
    }

}
