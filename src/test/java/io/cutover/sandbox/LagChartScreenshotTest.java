package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.TestUsers;
import io.cutover.wizard.AccessibilityBrowserTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Takes docs/screenshots/lag-chart.png (headless Chromium): the sandbox rehearsal's
 * continuous sync streaming while the app writes bursts of rows to the Flex stand-in, so
 * the sync panel's live lag chart rises with each burst and falls as the panel applies
 * it. The chart's window is one minute here so a minute of samples fills it. Run on
 * purpose only:
 * {@code CI=true ./mvnw test -Dtest=LagChartScreenshotTest -Dcutover.screenshots=docs/screenshots}.
 */
@SandboxTest
@TestPropertySource(properties = "cutover.sync.lag-chart-window=1m")
@EnabledIfSystemProperty(named = "cutover.screenshots", matches = ".+")
class LagChartScreenshotTest {

    @LocalServerPort
    int port;

    @Autowired
    RehearsalDriver drive;

    @Autowired
    SandboxPostgres postgres;

    @Autowired
    SandboxNames names;

    @Test
    void takeTheLagChartScreenshot() throws Exception {
        Path dir = Path.of(System.getProperty("cutover.screenshots"));
        Files.createDirectories(dir);
        drive.startContinuousSync();
        ScheduledExecutorService app = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger burst = new AtomicInteger();
        app.scheduleWithFixedDelay(() -> write(burst.incrementAndGet()), 0, 7, TimeUnit.SECONDS);
        try (Browser browser = Browser.open(port)) {
            browser.logIn("operator", TestUsers.PASSWORD);
            browser.driver.manage().window().setSize(new Dimension(1280, 1400));
            browser.driver.get(browser.url("/migrations/" + drive.migration + "/phases/data-migration"));
            Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> points(browser) >= 60 && burst.get() >= 8);
            WebElement panel = browser.driver.findElement(By.cssSelector("#sync-panel"));
            assertThat(lagNow(browser)).startsWith("Lag now: ");
            assertThat(AccessibilityBrowserTest.violations(browser, "#sync-panel"))
                .as("WCAG A/AA violations in the sync panel with its lag chart")
                .isEmpty();
            Files.write(dir.resolve("lag-chart.png"), panel.getScreenshotAs(OutputType.BYTES));
        }
        finally {
            app.shutdownNow();
            app.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Samples the chart draws now, read in one script: each sample swaps the live part,
     * so an element found a moment ago may be gone.
     */
    private static long points(Browser browser) {
        Object n = ((JavascriptExecutor) browser.driver)
            .executeScript("var l = document.querySelector('polyline.lag-line');"
                    + " return l ? l.getAttribute('points').split(' ').length : 0;");
        return ((Number) n).longValue();
    }

    private static String lagNow(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver)
            .executeScript("var t = document.querySelector('.lag-now'); return t ? t.textContent : '';");
    }

    /**
     * One burst of the app's writes: bigger every other time, so the chart shows peaks of
     * different heights.
     */
    private void write(int n) {
        int rows = n % 2 == 0 ? 40_000 : 15_000;
        try (Connection source = postgres.connect(names.sourceDatabase()); Statement st = source.createStatement()) {
            st.execute("INSERT INTO users (email, name, updated_at) SELECT 'burst" + n
                    + "-' || g || '@example.com', repeat('x', 600), now() FROM generate_series(1, " + rows + ") g");
        }
        catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

}
