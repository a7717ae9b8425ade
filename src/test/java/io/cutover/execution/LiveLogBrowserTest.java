package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.cutover.PanelTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator notices on the run page, in a real (headless) Chromium: after pressing Run the
 * log fills in line by line while the step is still running, not all at once when it ends; and
 * reloading the page in the middle of the run shows the whole log again, every line exactly once
 * and in order, then keeps following it until the badge says "succeeded".
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's packages). Without
 * them the test is skipped on a developer's machine and fails in CI ({@code CI=true}). Selenium
 * never downloads a browser or a driver: both paths are given explicitly.
 */
@PanelTest
class LiveLogBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OUT_LINES = ".log-lines .line-out";

    @LocalServerPort
    int port;

    private WebDriver driver;
    private Path profileDir;

    /** Skips (so that Surefire counts the test as skipped) or, in CI, fails when there is no browser. */
    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String reason = "LiveLogBrowserTest needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; in CI this test must run, not be skipped");
        }
        System.out.println("Skipping: " + reason);
        Assumptions.assumeTrue(false, reason);
    }

    @BeforeEach
    void startBrowser() throws IOException {
        requireChromium();
        // Selenium Manager (which could go to the network) never runs: the driver is given below.
        System.setProperty("SE_AVOID_STATS", "true");
        profileDir = Files.createTempDirectory("cutover-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profileDir,
                // Even with the flags above Chromium looks up Google's autofill, password-leak and
                // update hosts and the default search engine: resolve nothing but localhost.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void quitBrowser() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (profileDir != null) {
                FileSystemUtils.deleteRecursively(profileDir.toFile());
            }
        }
    }

    @Test
    void linesArriveLiveAndAReloadMidRunShowsEachLineOnceInOrder() throws Exception {
        long migrationId = createMigration("exec-test");
        logIn("operator", "test-password");

        runStep(migrationId, "exec", "paced");

        waitUntil("5 lines are shown", () -> outLines().size() >= 5);
        assertThat(logPanel().getDomAttribute("data-ended")).as("data-ended while the first lines are shown").isNull();
        assertThat(statusBadge()).isEqualTo("running");

        driver.navigate().refresh();

        waitUntil("the run has ended", this::panelEnded);
        List<String> expected = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).toList();
        assertThat(outLines()).containsExactlyElementsOf(expected);
        assertThat(statusBadge()).isEqualTo("succeeded");
    }

    /** Creates a migration through the JSON API as admin and returns its id. */
    private long createMigration(String runbookId) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString("admin:test-password".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/migrations")))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"live-log-" + System.nanoTime() + "\",\"runbookId\":\"" + runbookId + "\",\"values\":{}}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("create migration: %s", response.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(response.body()).get("id").asLong();
    }

    /** Signs in through the real login form (with its CSRF token). */
    private void logIn(String username, String password) {
        driver.get(url("/login"));
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        click(driver.findElement(By.cssSelector("form button[type=submit]")));
        new WebDriverWait(driver, WAIT).withMessage("signed in as " + username).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Presses Run on a step's card and waits for the run page it redirects to. */
    private void runStep(long migrationId, String phaseId, String stepId) {
        driver.get(url("/migrations/" + migrationId + "/phases/" + phaseId));
        WebElement run = driver.findElement(By.cssSelector("#step-" + stepId + " form.run-form button[type=submit]"));
        assertThat(run.getText()).isEqualTo("Run");
        click(run);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlMatches("/migrations/" + migrationId + "/runs/\\d+$"));
    }

    /**
     * Scrolls the element into view at once, then clicks it. Bootstrap turns on smooth scrolling,
     * and ChromeDriver's own scroll-then-click would click before the smooth scroll has arrived.
     */
    private void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.click();
    }

    /** The texts of the stdout lines on the page, read in one go. */
    @SuppressWarnings("unchecked")
    private List<String> outLines() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), l => l.textContent);", OUT_LINES);
    }

    private WebElement logPanel() {
        return driver.findElement(By.cssSelector(".log-panel"));
    }

    private boolean panelEnded() {
        return "true".equals(logPanel().getDomAttribute("data-ended"));
    }

    /** The badge's text as the page sets it (CSS capitalises what is shown: "Running"). */
    private String statusBadge() {
        return driver.findElement(By.id("run-status")).getDomProperty("textContent").trim();
    }

    private void waitUntil(String what, BooleanSupplier condition) {
        new WebDriverWait(driver, WAIT).withMessage(what).until(d -> condition.getAsBoolean());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
