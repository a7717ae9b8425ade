package io.cutover;

import java.util.function.IntSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium per test, started before and quit after it, for a browser test
 * that registers it as a field:
 * {@code @RegisterExtension BrowserExtension chromium = new BrowserExtension("MyTest", () -> port);}.
 * The port is read when the test starts, after Spring has injected
 * {@code @LocalServerPort}. Without Chromium the test is skipped on a developer's machine
 * and fails in CI ({@link OptionalTool}).
 */
public final class BrowserExtension implements BeforeEachCallback, AfterEachCallback {

    private final String user;

    private final IntSupplier port;

    private Browser browser;

    public BrowserExtension(String user, IntSupplier port) {
        this.user = user;
        this.port = port;
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        OptionalTool.CHROMIUM.require(user);
        browser = Browser.open(port.getAsInt());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

}
