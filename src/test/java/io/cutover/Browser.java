package io.cutover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A real headless Chromium ({@code chromium} and {@code chromedriver} on the PATH,
 * Debian's are in /usr/bin) for browser tests. Without them a test is skipped on a
 * developer's machine and fails in CI (see {@link OptionalTool}). Selenium never
 * downloads a browser or a driver: both paths are given.
 */
public final class Browser implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);

    public final WebDriver driver;

    private final Path profileDir;

    private final int port;

    private Browser(WebDriver driver, Path profileDir, int port) {
        this.driver = driver;
        this.profileDir = profileDir;
        this.port = port;
    }

    public static Browser open(int port) throws IOException {
        // Selenium Manager (which could go to the network) never runs: the driver is
        // given below.
        System.setProperty("SE_AVOID_STATS", "true");
        Path profileDir = Files.createTempDirectory("cutover-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(OptionalTool.find("chromium").orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profileDir,
                // Even with the flags above Chromium looks up Google's autofill,
                // password-leak and
                // update hosts and the default search engine: resolve nothing but
                // localhost.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
        // The console is read for Content-Security-Policy refusals.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(OptionalTool.find("chromedriver").orElseThrow().toFile())
            .usingAnyFreePort()
            .build();
        return new Browser(new ChromeDriver(service, options), profileDir, port);
    }

    /** Signs in through the real login form (with its CSRF token). */
    public void logIn(String username, String password) {
        driver.get(url("/login"));
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        click(driver.findElement(By.cssSelector("form button[type=submit]")));
        new WebDriverWait(driver, WAIT).withMessage("signed in as " + username)
            .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /**
     * Scrolls the element into view at once, then clicks it. Bootstrap turns on smooth
     * scrolling, and ChromeDriver's own scroll-then-click would click before the smooth
     * scroll has arrived.
     */
    public void click(WebElement element) {
        ((JavascriptExecutor) driver)
            .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.click();
    }

    public void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, condition, WAIT);
    }

    public void waitUntil(String what, BooleanSupplier condition, Duration timeout) {
        // htmx swaps parts of the page: an element found a moment ago may be gone, so
        // look again.
        new WebDriverWait(driver, timeout).withMessage(what)
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(d -> condition.getAsBoolean());
    }

    /**
     * Console messages since the last call in which the browser refused something under
     * the Content-Security-Policy.
     */
    public java.util.List<String> contentSecurityRefusals() {
        return driver.manage()
            .logs()
            .get(org.openqa.selenium.logging.LogType.BROWSER)
            .getAll()
            .stream()
            .map(org.openqa.selenium.logging.LogEntry::getMessage)
            .filter(m -> m.contains("Content Security Policy"))
            .toList();
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        }
        finally {
            FileSystemUtils.deleteRecursively(profileDir.toFile());
        }
    }

}
