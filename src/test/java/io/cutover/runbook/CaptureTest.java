package io.cutover.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values the panel reads from a step's output. The seed runbook's "Create the cluster" step reads
 * the cluster id and the pooled connection string that {@code fly mpg create} prints, and derives
 * the direct address (for migrations, which PgBouncer in transaction mode cannot run) that flyctl
 * does not print: the same URL with {@code direct.} instead of {@code pgbouncer.} and no port.
 */
class CaptureTest {

    /** What flyctl prints after creating a cluster on Fly. */
    private static final String FLY_OUTPUT = """
            Creating Managed Postgres cluster blockster-mpg in organization personal...
            Waiting for cluster to be ready...

            Managed Postgres cluster created successfully!
              ID: 9x8k2m4ld5q7wz1e
              Name: blockster-mpg
              Organization: personal
              Region: ord
              Plan: launch
              Disk: 20GB
              PostGIS: false
              Connection string: postgresql://fly-user:Zq8vR2mLx4Tn@pgbouncer.9x8k2m4ld5q7wz1e.flympg.net/fly-db
            """;

    private static Map<String, Capture> mpgCreate;

    @BeforeAll
    static void seedCaptures() {
        Step step = TestRunbooks.seed().step("mpg-create").orElseThrow();
        mpgCreate = new LinkedHashMap<>();
        step.captures().forEach(c -> mpgCreate.put(c.parameter(), c));
    }

    @Test
    void theSeedStepReadsTheClusterIdAndPooledUrlAndDerivesTheDirectUrl() {
        assertThat(mpgCreate.get("clusterId").from(FLY_OUTPUT)).contains("9x8k2m4ld5q7wz1e");
        assertThat(mpgCreate.get("targetPooledUrl").from(FLY_OUTPUT))
                .contains("postgresql://fly-user:Zq8vR2mLx4Tn@pgbouncer.9x8k2m4ld5q7wz1e.flympg.net/fly-db");
        assertThat(mpgCreate.get("targetDirectUrl").from(FLY_OUTPUT))
                .contains("postgresql://fly-user:Zq8vR2mLx4Tn@direct.9x8k2m4ld5q7wz1e.flympg.net/fly-db");
    }

    @Test
    void theDirectUrlDropsThePoolersPortAndKeepsTheQuery() {
        String output = "  Connection string: postgresql://fly-user:pw@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db-mpg-3f9a?sslmode=disable\n";

        assertThat(mpgCreate.get("targetDirectUrl").from(output))
                .contains("postgresql://fly-user:pw@direct.mpg-3f9a.flympg.localhost/fly-db-mpg-3f9a?sslmode=disable");
        assertThat(mpgCreate.get("targetPooledUrl").from(output))
                .contains("postgresql://fly-user:pw@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db-mpg-3f9a?sslmode=disable");
    }

    @Test
    void aPrintedAddressThatIsNotThePoolerGivesNoDirectUrlRatherThanAWrongOne() {
        String output = "  ID: 9x8k2m4ld5q7wz1e\n  Connection string: postgresql://fly-user:pw@db.9x8k2m4ld5q7wz1e.flympg.net/fly-db\n";

        assertThat(mpgCreate.get("targetPooledUrl").from(output)).contains("postgresql://fly-user:pw@db.9x8k2m4ld5q7wz1e.flympg.net/fly-db");
        assertThat(mpgCreate.get("targetDirectUrl").from(output)).isEmpty();
    }

    @Test
    void outputWithoutTheValueCapturesNothing() {
        String output = "Error: failed to create cluster: organization personal has reached its Managed Postgres limit\n";

        assertThat(mpgCreate.values()).allSatisfy(c -> assertThat(c.from(output)).as(c.parameter()).isEmpty());
    }

    @Test
    void theClusterIdIsTheIdLineNotAnIdInsideAnotherField() {
        String output = "  Organization ID: org_77\n  ID: mpg-first\n  ID: mpg-second\n";

        assertThat(mpgCreate.get("clusterId").from(output)).contains("mpg-first");
    }

    @Test
    void replaceRulesApplyInTheOrderWrittenEachToTheResultOfTheLast() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("^postgres(ql)?://", "postgresql://");
        rules.put("@([^/:]+):\\d+/", "@$1/");
        Capture capture = new Capture("url", "url=(\\S+)", rules);

        assertThat(capture.from("url=postgres://u@h.example:5433/db")).contains("postgresql://u@h.example/db");
        assertThat(capture.from("url=mysql://u@h.example:5433/db")).as("the first rule does not match").isEmpty();
    }

    @Test
    void aPatternWithoutAGroupCapturesTheWholeMatch() {
        Capture capture = new Capture("volume", "vol_[a-z0-9]+", null);

        assertThat(capture.from("ID                   STATE\nvol_r63zzmp36e21j51r created\n")).isEqualTo(Optional.of("vol_r63zzmp36e21j51r"));
    }
}
