package io.cutover;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * One headless Chromium per test, started before and quit after it, for a browser test
 * that registers it as a field:
 * {@code @RegisterExtension BrowserExtension chromium = new BrowserExtension();}. It
 * opens the panel on the port of the test's Spring context (a
 * {@code webEnvironment = RANDOM_PORT} test), read when the test starts. Without Chromium
 * the test is skipped on a developer's machine and fails in CI ({@link OptionalTool}).
 */
public final class BrowserExtension implements BeforeEachCallback, AfterEachCallback {

    private Browser browser;

    public Browser browser() {
        return browser;
    }

    /** The test's browser, signed in as one of {@link TestUsers}. */
    public Browser signedInAs(String username) {
        browser.logIn(username, TestUsers.PASSWORD);
        return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        OptionalTool.CHROMIUM.require(context.getRequiredTestClass().getSimpleName());
        int port = SpringExtension.getApplicationContext(context)
            .getEnvironment()
            .getRequiredProperty("local.server.port", Integer.class);
        browser = Browser.open(port);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

}
