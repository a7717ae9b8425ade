package io.cutover.position;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What an operator sees in a real Chromium: where the migration is at the top of the
 * page, the stop-the-app form that asks for the app's name and refuses anything else, and
 * a copy onto the target refused after the cutover with the state named.
 */
@PanelTest
class PositionBrowserTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RunApi runApi;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    @Test
    void theStopFormAsksForTheAppsNameAndACopyAfterTheCutoverIsRefusedNamingTheState() {
        PositionApi api = new PositionApi(mvc, runApi, "{}");
        api.prepare();
        chromium.signedInAs("operator");
        open(api, "cutover");
        assertThat(banner()).contains("App on Flex");

        WebElement confirm = stopForm().findElement(By.name("confirm"));
        assertThat(confirm.getDomAttribute("placeholder")).isEqualTo("Type " + PositionApi.APP + " to confirm");
        confirm.sendKeys("yes");
        browser().click(stopForm().findElement(By.cssSelector("button[type=submit]")));
        browser().waitUntil("the refusal is shown", () -> alert().contains("type " + PositionApi.APP + " to confirm"));
        assertThat(api.step("stop").get("done").asBoolean()).isFalse();

        stopForm().findElement(By.name("confirm")).sendKeys(PositionApi.APP);
        browser().click(stopForm().findElement(By.cssSelector("button[type=submit]")));
        browser().waitUntil("the run page opens", () -> browser().driver.getCurrentUrl().matches(".*/runs/\\d+$"));
        browser().waitUntil("the app is stopped (" + alert() + ")", () -> api.step("stop").get("done").asBoolean(),
                java.time.Duration.ofSeconds(60));
        api.run("switch", null);
        api.run("start", PositionApi.APP);

        open(api, "prepare");
        assertThat(banner()).contains("App on MPG");
        WebElement copy = browser().driver.findElement(By.cssSelector("#step-copy form.run-form"));
        browser().click(copy.findElement(By.name("rerun")));
        browser().click(copy.findElement(By.cssSelector("button[type=submit]")));
        browser().waitUntil("the refusal names the state", () -> alert().contains("would overwrite the target"));
        assertThat(alert()).contains("App on MPG");
        assertThat(api.step("copy").get("done").asBoolean()).as("the earlier copy still counts; nothing ran").isTrue();
    }

    private void open(PositionApi api, String phase) {
        browser().driver.get(browser().url("/migrations/" + api.migration + "/phases/" + phase));
    }

    private String banner() {
        return browser().driver.findElement(By.id("migration-position")).getText();
    }

    private WebElement stopForm() {
        return browser().driver.findElement(By.cssSelector("#step-stop form.run-form"));
    }

    private String alert() {
        return browser().driver.findElements(By.cssSelector(".alert-danger"))
            .stream()
            .map(WebElement::getText)
            .reduce("", String::concat);
    }

    private Browser browser() {
        return chromium.browser();
    }

}
