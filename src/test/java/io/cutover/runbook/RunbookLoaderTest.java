package io.cutover.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunbookLoaderTest {

    private final RunbookLoader loader = new RunbookLoader();

    private Runbook seedRunbook() {
        InputStream in = getClass().getResourceAsStream("/runbooks/flex-to-mpg.yaml");
        return loader.load("runbooks/flex-to-mpg.yaml", in);
    }

    @Test
    void holdsEverySeedPhaseInOrderAndRollbackAsAFlowOfCutover() {
        Runbook runbook = seedRunbook();

        assertThat(runbook.phases()).extracting(Phase::id)
            .containsExactly("inventory", "backup", "create-cluster", "data-migration", "app-config", "cutover",
                    "verification", "day-1", "week-1", "weeks-2-4", "decommission");
        assertThat(runbook.flows()).singleElement().satisfies(flow -> {
            assertThat(flow.id()).isEqualTo("rollback");
            assertThat(flow.opensWhenStarted()).isEqualTo("cutover");
            assertThat(flow.steps()).extracting(Step::id).contains("rb-scale-down", "rb-restore-url", "rb-verify");
        });
    }

    @Test
    void everySeedChecklistIsAGateWithTheSameNumberOfItems() throws Exception {
        Runbook runbook = seedRunbook();
        var seedChecklists = new SeedRunbook().checklists();

        assertThat(seedChecklists).containsOnlyKeys("Backup Verification Checklist", "Pre-Cutover Checklist",
                "Functional Testing", "Success Criteria");
        assertThat(gate(runbook, "backup-verification").items())
            .hasSize(seedChecklists.get("Backup Verification Checklist"));
        assertThat(gate(runbook, "pre-cutover").items()).hasSize(seedChecklists.get("Pre-Cutover Checklist"));
        assertThat(gate(runbook, "functional-testing").items()).hasSize(seedChecklists.get("Functional Testing"));
        assertThat(gate(runbook, "success-criteria").items()).hasSize(seedChecklists.get("Success Criteria"));
    }

    @Test
    void gatesSitWhereTheSeedPutsThem() {
        Runbook runbook = seedRunbook();

        assertThat(runbook.phaseOfGate("backup-verification")).map(Phase::id).contains("backup");
        assertThat(gate(runbook, "backup-verification").position()).isEqualTo(GatePosition.EXIT);
        assertThat(runbook.phaseOfGate("pre-cutover")).map(Phase::id).contains("cutover");
        assertThat(gate(runbook, "pre-cutover").position()).isEqualTo(GatePosition.ENTRY);
        assertThat(gate(runbook, "pre-cutover").critical()).isTrue();
        assertThat(runbook.phase("cutover").orElseThrow().steps().get(0).id()).isEqualTo("scale-down-worker");
        assertThat(runbook.phaseOfGate("functional-testing")).map(Phase::id).contains("verification");
        assertThat(runbook.phaseOfGate("success-criteria")).map(Phase::id).contains("verification");
        assertThat(gate(runbook, "decommission-approval").critical()).isTrue();
        assertThat(gate(runbook, "decommission-approval").guards()).isEqualTo("destroy-old");
    }

    @Test
    void everyCommandOfTheSeedIsCarriedOutBySomeStep() throws Exception {
        Runbook runbook = seedRunbook();
        Set<String> covered = runbook.allPhases()
            .flatMap(p -> p.steps().stream())
            .flatMap(s -> s.covers().stream())
            .map(SeedRunbook::normalize)
            .collect(Collectors.toSet());

        List<String> seedCommands = new SeedRunbook().commands();

        assertThat(seedCommands).hasSizeGreaterThan(50);
        assertThat(seedCommands)
            .allSatisfy(command -> assertThat(covered).as("steps covering the seed").contains(command));
    }

    @Test
    void parametersCarryTheSeedDefaultsWithTypes() {
        Runbook runbook = seedRunbook();

        assertThat(runbook.parameter("sourceApp").orElseThrow().defaultValue()).isEqualTo("fragrant-flower-8144-db");
        assertThat(runbook.parameter("sourceDatabase").orElseThrow().defaultValue()).isEqualTo("fragrant_flower_8144");
        assertThat(runbook.parameter("sourceMachineId").orElseThrow().defaultValue()).isEqualTo("d894ed5a696d58");
        assertThat(runbook.parameter("sourceVolumeId").orElseThrow().defaultValue()).isEqualTo("vol_r63zzmp36e21j51r");
        assertThat(runbook.parameter("app").orElseThrow().defaultValue()).isEqualTo("blockster-v2");
        assertThat(runbook.parameter("region").orElseThrow().defaultValue()).isEqualTo("ord");
        assertThat(runbook.parameter("clusterName").orElseThrow().defaultValue()).isEqualTo("blockster-mpg");
        assertThat(runbook.parameter("plan").orElseThrow().defaultValue()).isEqualTo("launch");
        assertThat(runbook.parameter("volumeSize").orElseThrow().type()).isEqualTo(ParameterType.NUMBER);
        assertThat(runbook.parameter("pgMajor").orElseThrow().defaultValue()).isEqualTo("17");
        assertThat(runbook.parameter("org").orElseThrow().defaultValue()).isEqualTo("personal");
        assertThat(runbook.parameter("siteUrl").orElseThrow().type()).isEqualTo(ParameterType.URL);
        assertThat(runbook.parameter("backupBucket").orElseThrow().defaultValue()).isEqualTo("blockster-backups");
        assertThat(runbook.parameter("flyApiToken").orElseThrow().type()).isEqualTo(ParameterType.SECRET);
    }

    @Test
    void launchPlanWithTwentyGigabytesCostsWhatTheSeedSays() {
        Runbook runbook = seedRunbook();

        double cost = runbook.plan("launch").orElseThrow().monthlyCost(20, runbook.storagePricePerGb());

        assertThat(cost).isCloseTo(287.60, org.assertj.core.data.Offset.offset(0.001));
        assertThat(runbook.plans()).extracting(Plan::name)
            .containsExactly("Basic", "Starter", "Launch", "Scale", "Performance");
    }

    @Test
    void unknownParameterReferenceNamesFileAndStep() {
        String yaml = """
                id: broken
                version: 1
                title: Broken
                parameters: [{id: app, label: App, type: text}]
                phases:
                  - id: one
                    title: One
                    steps:
                      - {id: status, title: Status, kind: command, argv: [flyctl, status, --app, "${application}"]}
                """;

        assertThatThrownBy(() -> loader.load("runbooks/broken.yaml", stream(yaml)))
            .isInstanceOf(RunbookInvalidException.class)
            .hasMessageContaining("runbooks/broken.yaml")
            .hasMessageContaining("step 'status'")
            .hasMessageContaining("${application}");
    }

    @Test
    void duplicateStepIdNamesFileStepAndBothPhases() {
        String yaml = """
                id: broken
                version: 1
                title: Broken
                phases:
                  - id: one
                    title: One
                    steps: [{id: check-it, title: A, kind: manual, instructions: Do it}]
                  - id: two
                    title: Two
                    steps: [{id: check-it, title: B, kind: manual, instructions: Do it again}]
                """;

        assertThatThrownBy(() -> loader.load("runbooks/dup.yaml", stream(yaml)))
            .hasMessageContaining("runbooks/dup.yaml")
            .hasMessageContaining("step 'check-it' (phase 'two'): duplicate step id, already used in phase 'one'");
    }

    @Test
    void thePostMigrationPhasesAreDueOneSevenAndTwentyEightDaysAfterCutover() {
        Runbook runbook = seedRunbook();

        assertThat(runbook.phases()).filteredOn(Phase::hasDueDate)
            .extracting(Phase::id, Phase::dueDaysAfterCutover)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("day-1", 1),
                    org.assertj.core.groups.Tuple.tuple("week-1", 7),
                    org.assertj.core.groups.Tuple.tuple("weeks-2-4", 28));
    }

    @Test
    void aNegativeDueOffsetIsRefused() {
        String yaml = """
                id: broken
                version: 1
                title: Broken
                phases:
                  - id: one
                    title: One
                    dueDaysAfterCutover: -1
                    steps: [{id: check-it, title: A, kind: manual, instructions: Do it}]
                """;

        assertThatThrownBy(() -> loader.load("runbooks/due.yaml", stream(yaml))).hasMessageContaining("phase 'one'")
            .hasMessageContaining("dueDaysAfterCutover must be 0 to 365 days");
    }

    @Test
    void secretInArgvIsRefused() {
        String yaml = """
                id: broken
                version: 1
                title: Broken
                parameters: [{id: token, label: Token, type: secret}]
                phases:
                  - id: one
                    title: One
                    steps: [{id: leak, title: Leak, kind: command, argv: [curl, -H, "Authorization: ${token}", "https://x"]}]
                """;

        assertThatThrownBy(() -> loader.load("runbooks/leak.yaml", stream(yaml))).hasMessageContaining("step 'leak'")
            .hasMessageContaining("secret parameter ${token} would appear in a child's argv");
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        String yaml = """
                id: broken
                version: 1
                title: Broken
                phases:
                  - id: one
                    title: One
                    steps: [{id: a, title: A, kind: teleport, instructions: x}]
                """;

        assertThatThrownBy(() -> loader.load("runbooks/kind.yaml", stream(yaml)))
            .hasMessageContaining("runbooks/kind.yaml")
            .hasMessageContaining("line 7");
    }

    private static Gate gate(Runbook runbook, String gateId) {
        return runbook.allPhases()
            .flatMap(p -> p.gates().stream())
            .filter(g -> g.id().equals(gateId))
            .findFirst()
            .orElseThrow();
    }

    private static InputStream stream(String yaml) {
        return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }

}
