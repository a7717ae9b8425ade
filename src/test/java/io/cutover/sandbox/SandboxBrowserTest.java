package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.Browser;
import io.cutover.BrowserExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rehearsal as a team walks it in a real (headless) Chromium: the operator opens the
 * rehearsal's wizard, presses Run on each step of the current infrastructure inventory
 * and of the pre-migration backup and watches each log fill in until the run says
 * "succeeded"; the approver then signs the backup verification checklist item by item;
 * and the next phase, the MPG cluster, opens. Every action goes through the page's own
 * forms, with the CSRF tokens the page carries.
 *
 * <p>
 * Needs Chromium and ChromeDriver: skipped without them on a developer's machine, failed
 * in CI (see {@link OptionalTool}).
 */
@SandboxTest
class SandboxBrowserTest {

    private static final Duration RUN_WAIT = Duration.ofMinutes(3);

    private static final java.util.Set<String> QUEUED_WORK_EVIDENCE = java.util.Set.of("volume-snapshot-list",
            "mpg-backup-list");

    @Autowired
    SandboxProperties properties;

    @RegisterExtension
    BrowserExtension chromium = new BrowserExtension();

    /** {@code /migrations/<id>} of the rehearsal, as the wizard's address shows it. */
    private String migrationPath;

    private String currentPhase;

    @Test
    void operatorRunsTheFirstPhasesStepByStepAndTheApproversSignatureOpensTheNextPhase() {
        chromium.signedInAs("operator");
        browser().driver.get(browser().url("/migrations"));
        // Each row's progress picture loads after the page and widens the table: a click
        // aimed before it lands may hit the cell beside the link.
        browser().waitUntil("the list's progress pictures",
                () -> browser().driver.findElements(By.cssSelector("td.migration-progress"))
                    .stream()
                    .noneMatch(cell -> cell.getDomProperty("textContent").trim().equals("…")));
        browser().click(browser().driver.findElement(By.linkText(properties.migrationName())));

        // The wizard opens on the first phase; nothing after it may act yet.
        waitForPhasePage("inventory");
        String url = browser().driver.getCurrentUrl();
        migrationPath = url.substring(url.indexOf("/migrations/"), url.indexOf("/phases/"));
        assertThat(heading()).isEqualTo("Current infrastructure inventory");
        assertThat(phaseState()).isEqualTo("open");
        assertThat(railState("backup")).isEqualTo("locked");

        List<String> inventory = walkSteps("inventory", true);

        assertThat(inventory).as("kinds of the inventory's steps, all run from the page")
            .contains("command", "sql", "check");
        assertThat(phaseState()).isEqualTo("done");
        assertThat(railState("inventory")).isEqualTo("done");
        assertThat(railState("backup")).as("the inventory has no checklist: the backup opens at once")
            .isEqualTo("open");

        browser().click(railLink("backup"));
        waitForPhasePage("backup");
        walkSteps("backup", false);

        awaitShown("the exit checklist's state", this::exitChecklistState, "not signed");
        assertThat(exitChecklist().findElements(By.cssSelector("form.sign-form"))).as("an operator cannot sign")
            .isEmpty();
        awaitShown("the phase's state, steps done and checklist unsigned", this::phaseState, "in progress");
        browser().click(railLink("create-cluster"));
        waitForPhasePage("create-cluster");
        assertThat(phaseState()).isEqualTo("locked");
        assertThat(text(By.cssSelector("#phase-body .alert-secondary"))).as("why the phase is locked").isNotEmpty();
        assertThat(browser().driver.findElements(By.cssSelector("form.run-form")))
            .as("no step of a locked phase can be run")
            .isEmpty();

        logOut();
        chromium.signedInAs("approver");
        browser().driver.get(browser().url(migrationPath + "/phases/backup"));
        waitForPhasePage("backup");
        int items = exitChecklist().findElements(By.cssSelector("li[id^='item-']")).size();
        int signed = signEveryItem();

        assertThat(signed).as("items signed on the page").isEqualTo(items).isPositive();
        awaitShown("the exit checklist's state", this::exitChecklistState, "signed");
        awaitShown("the phase's state", this::phaseState, "done");

        browser().driver.navigate().refresh();
        waitForPhasePage("backup");
        assertThat(railState("backup")).isEqualTo("done");
        assertThat(railState("create-cluster")).isEqualTo("open");
        browser().click(railLink("create-cluster"));
        waitForPhasePage("create-cluster");
        assertThat(phaseState()).isEqualTo("open");
        assertThat(browser().driver.findElements(By.cssSelector("#phase-body .alert-secondary")))
            .as("no 'locked because' notice")
            .isEmpty();
        // Approvers run nothing: the open phase shows its Run buttons to the operator.
        logOut();
        chromium.signedInAs("operator");
        browser().driver.get(browser().url(migrationPath + "/phases/create-cluster"));
        waitForPhasePage("create-cluster");
        assertThat(browser().driver.findElement(By.cssSelector("#step-mpg-create form.run-form button[type=submit]"))
            .getText()).isEqualTo("Run");
    }

    /**
     * Runs every required step of the phase from its card, in page order: Run for a
     * command, SQL or check step (then the run page until it succeeded, and back), Mark
     * done for a manual step.
     * @param commandLineShown whether each command's log must begin with the command its
     * card shows (true where no argument differs between card and run, such as a
     * timestamp)
     * @return the kinds of the steps walked
     */
    private List<String> walkSteps(String phaseId, boolean commandLineShown) {
        currentPhase = phaseId;
        List<String> kinds = new ArrayList<>();
        // Optional steps, and steps a migration's choices leave out, do not hold a phase
        // back.
        List<String> stepIds = browser().driver
            .findElements(By.cssSelector("#phase-body .step-card:not(.not-applicable)"))
            .stream()
            .filter(card -> card.findElements(By.xpath("./div[contains(@class,'card-header')]/span[text()='optional']"))
                .isEmpty())
            .map(card -> card.getDomAttribute("id").substring("step-".length()))
            .toList();
        for (String stepId : stepIds) {
            WebElement card = browser().driver.findElement(By.id("step-" + stepId));
            String kind = text(By.cssSelector("#step-" + stepId + " .card-header .badge.border"));
            assertThat(stepBadge(stepId)).as(stepId).isEqualTo("not done");
            List<WebElement> manual = card
                .findElements(By.xpath(".//form[.//button[starts-with(normalize-space(.),'Mark done')]]"));
            if (!manual.isEmpty()) {
                manual.get(0).findElement(By.name("note")).sendKeys("checked by hand in the rehearsal");
                browser().click(manual.get(0).findElement(By.cssSelector("button[type=submit]")));
                browser().waitUntil(stepId + " marked done", () -> stepBadge(stepId).startsWith("done by operator"));
            }
            else {
                String shown = kind.equals("command") ? card.findElement(By.cssSelector("pre.command code")).getText()
                        : null;
                runFromCard(stepId);
                List<String> lines = logLines();
                assertThat(lines).as("%s: log lines on the run page", stepId).isNotEmpty();
                if (shown != null && commandLineShown) {
                    assertThat(lines).as("%s: the log starts with the command the card showed", stepId)
                        .contains("$ " + shown);
                    assertThat(browser().driver.findElements(By.cssSelector(".log-lines .line-out")))
                        .as("%s: flyctl's own output", stepId)
                        .isNotEmpty();
                }
                browser()
                    .click(browser().driver.findElement(By.cssSelector("main nav a[href$='/phases/" + phaseId + "']")));
                waitForPhasePage(phaseId);
                assertThat(stepBadge(stepId)).as(stepId).startsWith("done by operator");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    /**
     * Presses Run, follows the redirect to the run page and watches the live log until
     * the run ends. A step that proves queued work done (the volume snapshot Fly takes in
     * the background) is run again, as an operator would, until that work shows as done.
     */
    private void runFromCard(String stepId) {
        for (int attempt = 1;; attempt++) {
            WebElement run = browser().driver
                .findElement(By.cssSelector("#step-" + stepId + " form.run-form button[type=submit]"));
            assertThat(run.getText()).isEqualTo(attempt == 1 ? "Run" : "Run again");
            browser().click(run);
            new WebDriverWait(browser().driver, Browser.WAIT).withMessage("the run page of " + stepId)
                .until(ExpectedConditions.urlMatches(migrationPath + "/runs/\\d+$"));
            browser().waitUntil(stepId + " ended and its whole log is shown",
                    () -> "true".equals(logPanel().getDomAttribute("data-ended")), RUN_WAIT);
            if (!QUEUED_WORK_EVIDENCE.contains(stepId) || runStatus().equals("succeeded") || attempt == 10) {
                break;
            }
            browser().driver.get(browser().url(migrationPath + "/phases/" + currentPhase));
            waitForPhasePage(currentPhase);
        }
        assertThat(runStatus()).as("%s: %s", stepId, text(By.id("run-message"))).isEqualTo("succeeded");
    }

    /**
     * Signs every item that offers a Sign form, one at a time, as the page swaps in each
     * result.
     */
    private int signEveryItem() {
        int signed = 0;
        List<WebElement> forms;
        while (!(forms = browser().driver.findElements(By.cssSelector("#phase-body form.sign-form"))).isEmpty()) {
            WebElement form = forms.get(0);
            String itemId = form.findElement(By.xpath("./ancestor::li[starts-with(@id,'item-')]"))
                .getDomAttribute("id");
            form.findElement(By.name("comment")).sendKeys("checked in the rehearsal");
            browser().click(form.findElement(By.cssSelector("button[type=submit]")));
            browser().waitUntil(itemId + " shows the signature", () -> {
                List<WebElement> item = browser().driver.findElements(By.id(itemId));
                return !item.isEmpty() && item.get(0).getText().contains("Signed by approver (approver)")
                        && item.get(0).findElements(By.cssSelector("form.sign-form")).isEmpty();
            });
            assertThat(text(By.cssSelector("#phase-flash .alert-success"))).isEqualTo("Signed.");
            signed++;
        }
        return signed;
    }

    private void logOut() {
        browser().click(browser().driver.findElement(By.cssSelector("form[action$='/logout'] button[type=submit]")));
        new WebDriverWait(browser().driver, Browser.WAIT).until(ExpectedConditions.urlContains("/login"));
    }

    private void waitForPhasePage(String phaseId) {
        new WebDriverWait(browser().driver, Browser.WAIT).withMessage("the page of phase " + phaseId)
            .until(ExpectedConditions.urlMatches("/phases/" + phaseId + "(#.*)?$"));
        browser().waitUntil("phase body", () -> !browser().driver.findElements(By.id("phase-body")).isEmpty());
    }

    private String heading() {
        return text(By.cssSelector("#phase-body h2"));
    }

    /**
     * The state badge next to the phase's title; CSS capitalises what is shown, so read
     * the text as set.
     */
    private String phaseState() {
        return text(By.cssSelector("#phase-body h2 + .state-badge"));
    }

    /**
     * A link of the phase rail, unfolded first: below Bootstrap's lg (the headless window
     * is narrower) the rail is folded into its summary.
     */
    private WebElement railLink(String phaseId) {
        ((JavascriptExecutor) browser().driver)
            .executeScript("const fold = document.getElementById('phase-rail-fold'); if (fold) fold.open = true;");
        return browser().driver.findElement(By.cssSelector("nav.phase-rail a[href$='/phases/" + phaseId + "']"));
    }

    private String railState(String phaseId) {
        return railLink(phaseId).findElement(By.xpath("./following-sibling::span[contains(@class,'state-badge')]"))
            .getDomProperty("textContent")
            .trim();
    }

    private String stepBadge(String stepId) {
        return text(By.cssSelector("#step-" + stepId + " .card-header .ms-auto"));
    }

    private WebElement exitChecklist() {
        List<WebElement> checklists = browser().driver.findElements(By.cssSelector("#phase-body > div > .checklist"));
        assertThat(checklists).as("the phase's exit checklist").hasSize(1);
        return checklists.get(0);
    }

    private String exitChecklistState() {
        return exitChecklist().findElement(By.cssSelector(".card-header .ms-auto")).getText();
    }

    /**
     * Waits until a live part of the page reads as expected: the migration's event stream
     * swaps the phase body in again after each sign-off or run, so an element read once
     * may be replaced a moment later.
     */
    private void awaitShown(String what, Supplier<String> shown, String expected) {
        browser().waitUntil(what + " reads '" + expected + "'", () -> expected.equals(shown.get()));
    }

    private WebElement logPanel() {
        return browser().driver.findElement(By.cssSelector(".log-panel"));
    }

    private String runStatus() {
        return text(By.id("run-status"));
    }

    @SuppressWarnings("unchecked")
    private List<String> logLines() {
        return (List<String>) ((JavascriptExecutor) browser().driver)
            .executeScript("return Array.from(document.querySelectorAll('.log-lines .line'), l => l.textContent);");
    }

    private String text(By by) {
        return browser().driver.findElement(by).getDomProperty("textContent").trim();
    }

    private Browser browser() {
        return chromium.browser();
    }

}
