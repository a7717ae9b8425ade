package io.cutover.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped runbook declares what its steps destroy, and its checks mean what they say.
 */
class SeedGuardsTest {

    private final Runbook seed = TestRunbooks.seed();

    @Test
    void everyCopyOntoTheTargetTheDecommissionAndEveryDowntimeStepDeclareWhatTheyDestroy() {
        for (String copy : List.of("restore", "sync-start", "final-sync")) {
            assertThat(step(copy).destroys()).as(copy).containsExactly(Harm.TARGET);
        }
        assertThat(step("destroy-old").destroys()).containsExactly(Harm.SOURCE);
        for (String downtime : List.of("scale-down", "scale-up", "rb-scale-down", "rb-scale-up")) {
            assertThat(step(downtime).destroys()).as(downtime).containsExactly(Harm.SITE);
            assertThat(step(downtime).confirm()).as(downtime).isEqualTo("${app}");
        }
        assertThat(step("mpg-attach").appDatabase()).isEqualTo(SqlTarget.TARGET);
        assertThat(step("rb-restore-url").appDatabase()).isEqualTo(SqlTarget.SOURCE);
    }

    @Test
    void theLogSearchFailsOnWhatItFindsSinceTheAppCameUpAndItsHintNamesTheAppsCredentials() {
        NothingFound search = step("app-db-errors").nothingFound();
        assertThat(search.since()).isEqualTo("scale-up");
        assertThat(search.compiled().matcher("2026-01-01T00:00:00Z app[1] ord [error] Postgrex.Protocol failed").find())
            .isTrue();
        assertThat(step("app-db-errors").pipeline()).as("no grep whose exit code decides").isEmpty();
        assertThat(hint("auth-failed").appliesTo("app-db-errors")).isFalse();
        assertThat(hint("app-auth-failed").appliesTo("app-db-errors")).isTrue();
        assertThat(hint("app-auth-failed").fix()).contains("app's DATABASE_URL");
        assertThat(hint("auth-failed").appliesTo("connection-test")).isTrue();
    }

    @Test
    void theReindexNamesTheDatabaseAndTheInventoryChecksTheSiteFirst() {
        assertThat(step("week1-reindex").sql()).isEqualTo("REINDEX DATABASE CONCURRENTLY ${database}");
        assertThat(step("site-baseline").argv()).contains("${siteUrl}");
        assertThat(seed.phaseOfStep("site-baseline").orElseThrow().id()).isEqualTo("inventory");
    }

    private Step step(String id) {
        return seed.step(id).orElseThrow();
    }

    private TroubleshootingHint hint(String id) {
        return seed.troubleshooting().stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
    }

}
