package io.cutover.wizard;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.logstream.SseFeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Pages that follow the migration by themselves, in a real Chromium: a viewer who keeps
 * the Cutover page open sees the downtime banner appear when the app is stopped, and the
 * step marked done, without reloading; the run page of the stop carries the banner as
 * well.
 */
@PanelTest
class LivePagesBrowserTest {

    private static final String APP = "demo-app";

    @Autowired
    RunApi runApi;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    SseFeeds feeds;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void aViewersCutoverPageShowsTheDowntimeBannerWithinTwoSecondsOfTheStopWithoutAReload() {
        long migration = runApi.createMigration("guarded-test", "{}");
        runApi.runToEnd(migration, "copy");
        assertThat(mvc.post()
            .uri("/api/migrations/" + migration + "/gate-items/copy-ok/sign-off")
            .with(as("approver"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"comment\":\"checked\"}")
            .exchange()).hasStatusOk();
        Browser browser = chromium.signedInAs("viewer");
        browser.driver.get(browser.url("/migrations/" + migration + "/phases/cutover"));
        browser.waitUntil("the page follows the migration's events",
                () -> feeds.watching(MigrationFeed.topic(migration)) == 1);
        assertThat(banners(browser)).isEmpty();
        Object marker = ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeScript("window.notReloaded = true; return window.notReloaded;");
        assertThat(marker).isEqualTo(true);

        long stop = runApi.body(runApi.start("operator", migration, "stop", APP)).get("id").asLong();
        Instant stopped = Instant.parse(runApi.awaitEnd(stop).get("endedAt").asString());

        browser.waitUntil("the banner appears", () -> !banners(browser).isEmpty(), Duration.ofSeconds(5));
        Duration after = Duration.between(stopped, Instant.now());
        assertThat(after).as("banner shown after the stop ended").isLessThan(Duration.ofSeconds(2));
        assertThat(banners(browser).get(0).getText()).startsWith("Downtime running:");
        browser.waitUntil("the stop step is marked done", () -> "done"
            .equals(browser.driver.findElement(By.cssSelector("#step-stop .step-icon")).getDomAttribute("aria-label")));
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeScript("return window.notReloaded === true;")).as("the page was not reloaded").isEqualTo(true);

        browser.driver.get(browser.url("/migrations/" + migration + "/runs/" + stop));
        assertThat(banners(browser)).singleElement()
            .extracting(WebElement::getText)
            .asString()
            .startsWith("Downtime running:");
    }

    @Test
    void aCommentBeingTypedIsNotWipedByALiveRefreshWhichFollowsOnceTheFormIsLeftUntouched() {
        long migration = runApi.createMigration("guarded-test", "{}");
        runApi.runToEnd(migration, "copy");
        Browser browser = chromium.signedInAs("approver");
        browser.driver.get(browser.url("/migrations/" + migration + "/phases/prepare"));
        browser.waitUntil("the page follows the migration's events",
                () -> feeds.watching(MigrationFeed.topic(migration)) == 1);
        WebElement comment = browser.driver.findElement(By.cssSelector("#item-copy-ok form.sign-form [name=comment]"));
        comment.sendKeys("half a comment");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        js.executeScript("document.getElementById('phase-body').dataset.seen = 'before';");

        runApi.runToEnd(migration, "copy");

        assertThat(
                js.executeScript("return document.querySelector('#item-copy-ok form.sign-form [name=comment]').value;"))
            .as("what the approver typed")
            .isEqualTo("half a comment");
        assertThat(js.executeScript("return document.getElementById('phase-body').dataset.seen;"))
            .as("the body was kept")
            .isEqualTo("before");
        js.executeScript(
                "const c = document.querySelector('#item-copy-ok form.sign-form [name=comment]'); c.value = ''; c.blur();");
        browser.waitUntil("the refresh held back is made",
                () -> js.executeScript("return document.getElementById('phase-body').dataset.seen;") == null);
        assertThat(browser.driver.findElement(By.cssSelector("#step-copy .step-icon")).getDomAttribute("aria-label"))
            .isEqualTo("done");
    }

    /**
     * A browser opens at most six connections to one host. A page left for another must
     * give its stream back at once, even while the browser keeps that page in its
     * back/forward cache: otherwise, a few pages later, the next click waits until the
     * server drops an old stream.
     */
    @Test
    void aPageLeftForAnotherClosesItsStream() {
        long migration = runApi.createMigration("guarded-test", "{}");
        Browser browser = chromium.signedInAs("viewer");
        browser.driver.get(browser.url("/migrations/" + migration + "/phases/cutover"));
        browser.waitUntil("the page follows the migration's events",
                () -> feeds.watching(MigrationFeed.topic(migration)) == 1);

        browser.driver.get(browser.url("/migrations"));

        browser.waitUntil("the left page's stream is closed", () -> feeds.watching(MigrationFeed.topic(migration)) == 0,
                Duration.ofSeconds(10));
        browser.driver.navigate().back();
        browser.waitUntil("the page shown again follows the events again",
                () -> feeds.watching(MigrationFeed.topic(migration)) == 1);
    }

    private static List<WebElement> banners(Browser browser) {
        return browser.driver.findElements(By.cssSelector(".alert.downtime"));
    }

}
