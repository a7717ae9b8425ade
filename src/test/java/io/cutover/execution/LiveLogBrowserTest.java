package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import io.cutover.PanelTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator notices on the run page, in a real (headless) Chromium: after pressing
 * Run the log fills in line by line while the step is still running, not all at once when
 * it ends; and reloading the page in the middle of the run shows the whole log again,
 * every line exactly once and in order, then keeps following it until the badge says
 * "succeeded".
 *
 * <p>
 * Needs Chromium and ChromeDriver: skipped without them on a developer's machine, failed
 * in CI (see {@link OptionalTool}).
 */
@PanelTest
class LiveLogBrowserTest {

    private static final String OUT_LINES = ".log-lines .line-out";

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void linesArriveLiveAndAReloadMidRunShowsEachLineOnceInOrder() throws Exception {
        long migrationId = createMigration("exec-test");
        chromium.signedInAs("operator");

        runStep(migrationId, "exec", "paced");

        browser().waitUntil("5 lines are shown", () -> outLines().size() >= 5);
        assertThat(logPanel().getDomAttribute("data-ended")).as("data-ended while the first lines are shown").isNull();
        assertThat(statusBadge()).isEqualTo("running");

        browser().driver.navigate().refresh();

        browser().waitUntil("the run has ended", this::panelEnded);
        List<String> expected = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).toList();
        assertThat(outLines()).containsExactlyElementsOf(expected);
        assertThat(statusBadge()).isEqualTo("succeeded");
        assertThat(browser().contentSecurityRefusals())
            .as("htmx, the live log and the pages work under the Content-Security-Policy")
            .isEmpty();
    }

    @Test
    void theBrowserEnforcesTheContentSecurityPolicyOnThePanelsPages() {
        chromium.signedInAs("viewer");
        browser().driver.get(browser().url("/migrations"));
        assertThat(browser().contentSecurityRefusals()).isEmpty();

        Object ran = ((JavascriptExecutor) browser().driver).executeScript("""
                const s = document.createElement('script');
                s.textContent = 'window.injected = true';
                document.head.appendChild(s);
                return window.injected === true;""");

        assertThat(ran).as("an injected inline script does not run").isEqualTo(false);
        assertThat(browser().contentSecurityRefusals()).singleElement().asString().contains("script-src 'self'");
    }

    /** Creates a migration through the JSON API as admin and returns its id. */
    private long createMigration(String runbookId) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString("admin:test-password".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(browser().url("/api/migrations")))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"live-log-" + System.nanoTime()
                    + "\",\"runbookId\":\"" + runbookId + "\",\"values\":{}}"))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("create migration: %s", response.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(response.body()).get("id").asLong();
    }

    /** Presses Run on a step's card and waits for the run page it redirects to. */
    private void runStep(long migrationId, String phaseId, String stepId) {
        browser().driver.get(browser().url("/migrations/" + migrationId + "/phases/" + phaseId));
        WebElement run = browser().driver
            .findElement(By.cssSelector("#step-" + stepId + " form.run-form button[type=submit]"));
        assertThat(run.getText()).isEqualTo("Run");
        browser().click(run);
        new WebDriverWait(browser().driver, Browser.WAIT)
            .until(ExpectedConditions.urlMatches("/migrations/" + migrationId + "/runs/\\d+$"));
    }

    /** The texts of the stdout lines on the page, read in one go. */
    @SuppressWarnings("unchecked")
    private List<String> outLines() {
        return (List<String>) ((JavascriptExecutor) browser().driver).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), l => l.textContent);", OUT_LINES);
    }

    private WebElement logPanel() {
        return browser().driver.findElement(By.cssSelector(".log-panel"));
    }

    private boolean panelEnded() {
        return "true".equals(logPanel().getDomAttribute("data-ended"));
    }

    /**
     * The badge's text as the page sets it (CSS capitalises what is shown: "Running").
     */
    private String statusBadge() {
        return browser().driver.findElement(By.id("run-status")).getDomProperty("textContent").trim();
    }

    private Browser browser() {
        return chromium.browser();
    }

}
