package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import io.cutover.PanelTest;
import io.cutover.logstream.LogStream;
import io.cutover.secrets.SecretRedactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run page's progress bar in a real (headless) Chromium: a progress event on the
 * run's stream shows a labelled bar with rows, bytes, rate and time left; when the run
 * succeeds the bar says done. The events are written into the run's log the way a copy's
 * sampler writes them (the copy itself is DataPathTest's).
 */
@PanelTest
class RunProgressBrowserTest {

    @Autowired
    LogStream stream;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void theBarShowsRowsBytesRateAndTimeLeftThenDone() throws Exception {
        long migrationId = createMigration();
        chromium.signedInAs("operator");
        browser().driver.get(browser().url("/migrations/" + migrationId + "/phases/exec"));
        browser().click(browser().driver.findElement(By.cssSelector("#step-paced form.run-form button[type=submit]")));
        new WebDriverWait(browser().driver, Browser.WAIT)
            .until(ExpectedConditions.urlMatches("/migrations/" + migrationId + "/runs/\\d+$"));
        String url = browser().driver.getCurrentUrl();
        long runId = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));

        stream.open(runId, SecretRedactor.urlPasswordsOnly(), List.of())
            .progress("{\"label\":\"Rows copied\",\"unit\":\"rows\",\"done\":1234,\"total\":5051,"
                    + "\"bytesDone\":316371,\"bytesTotal\":1449984,\"percent\":21,\"rate\":1788,"
                    + "\"etaSeconds\":125,\"state\":\"running\"}");

        browser().waitUntil("the bar is shown", () -> bar().isDisplayed());
        assertThat(bar().getDomAttribute("role")).isEqualTo("progressbar");
        assertThat(bar().getDomAttribute("aria-valuenow")).isEqualTo("21");
        assertThat(bar().getDomAttribute("aria-label")).isEqualTo("Rows copied");
        assertThat(text(".run-progress-text"))
            .isEqualTo("1,234 of 5,051 rows · 309.0 KiB of 1.4 MiB · 1,788 rows/s · about 2m 05s left");
        assertThat(text(".run-progress .progress-bar")).isEqualTo("21 %");

        browser().waitUntil("the run has ended", () -> "true"
            .equals(browser().driver.findElement(By.cssSelector(".log-panel")).getDomAttribute("data-ended")));
        assertThat(bar().getDomAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(text(".run-progress-state")).isEqualTo("done");
        assertThat(text(".run-progress-text")).isEqualTo("1,234 of 5,051 rows · 309.0 KiB of 1.4 MiB");
        assertThat(browser().contentSecurityRefusals()).isEmpty();
    }

    private WebElement bar() {
        return browser().driver.findElement(By.cssSelector("#run-progress .progress"));
    }

    private String text(String css) {
        return browser().driver.findElement(By.cssSelector(css)).getText();
    }

    private long createMigration() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString("admin:test-password".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(browser().url("/api/migrations")))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"progress-" + System.nanoTime() + "\",\"runbookId\":\"exec-test\",\"values\":{}}"))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("create migration: %s", response.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(response.body()).get("id").asLong();
    }

    private Browser browser() {
        return chromium.browser();
    }

}
