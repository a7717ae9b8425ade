package io.cutover.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values the panel reads from a step's output. The seed runbook's "Create the cluster"
 * step reads the cluster id and the pooled connection string that {@code fly mpg create}
 * prints, and derives the direct address (for migrations, which PgBouncer in transaction
 * mode cannot run) that flyctl does not print: the same URL with {@code direct.} instead
 * of {@code pgbouncer.} and no port.
 */
class CaptureTest {

    /**
     * What flyctl @ad0172fac prints for fly mpg create (contract 2.20), all on stdout.
     */
    private static final String FLY_OUTPUT = """
            Selected Plan: Launch
              CPU: Performance x 2
              Memory: 8 GB
              Price: $282 per month

            Waiting for cluster blockster-mpg (9x8k2m4ld5q7wz1e) to be ready...
            You can view the cluster in the UI at: https://fly.io/dashboard/personal/managed_postgres/9x8k2m4ld5q7wz1e
            You can cancel this wait with Ctrl+C - the cluster will continue provisioning in the background.
            Once ready, you can connect to the database with: fly mpg connect 9x8k2m4ld5q7wz1e


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

    private static List<Capture> mpgCreate;

    @BeforeAll
    static void seedCaptures() {
        mpgCreate = TestRunbooks.seed().step("mpg-create").orElseThrow().captures();
    }

    private static Optional<String> capture(String parameter, String directUrlVia, String output) {
        Map<String, String> values = Map.of("plan", "launch", "directUrlVia", directUrlVia);
        return mpgCreate.stream()
            .filter(c -> c.parameter().equals(parameter) && c.appliesWith(values::get))
            .findFirst()
            .flatMap(c -> c.from(output, values::get));
    }

    @Test
    void theSeedStepReadsTheClusterIdAndPooledUrlAndDerivesTheDirectUrls() {
        assertThat(capture("clusterId", "mpg-proxy", FLY_OUTPUT)).contains("9x8k2m4ld5q7wz1e");
        assertThat(capture("clusterPlan", "mpg-proxy", FLY_OUTPUT)).contains("launch");
        assertThat(capture("targetPooledUrl", "mpg-proxy", FLY_OUTPUT))
            .contains("postgresql://fly-user:Zq8vR2mLx4Tn@pgbouncer.9x8k2m4ld5q7wz1e.flympg.net/fly-db");
        assertThat(capture("appDirectUrl", "mpg-proxy", FLY_OUTPUT))
            .contains("postgresql://fly-user:Zq8vR2mLx4Tn@direct.9x8k2m4ld5q7wz1e.flympg.net/fly-db");
        assertThat(capture("targetDirectUrl", "private-network", FLY_OUTPUT))
            .contains("postgresql://fly-user:Zq8vR2mLx4Tn@direct.9x8k2m4ld5q7wz1e.flympg.net/fly-db");
        assertThat(capture("targetDirectUrl", "mpg-proxy", FLY_OUTPUT))
            .as("a panel outside Fly goes through fly mpg proxy")
            .contains("postgresql://fly-user:Zq8vR2mLx4Tn@localhost:16380/fly-db");
    }

    @Test
    void theClusterIdIsKeptFromTheWaitingLineWhenTheCreateTimesOut() {
        String cut = FLY_OUTPUT.substring(0, FLY_OUTPUT.indexOf("You can view"));
        Capture id = mpgCreate.stream().filter(c -> c.parameter().equals("clusterId")).findFirst().orElseThrow();

        assertThat(id.keepOnFailure()).isTrue();
        assertThat(id.from(cut)).contains("9x8k2m4ld5q7wz1e");
        assertThat(capture("targetPooledUrl", "mpg-proxy", cut)).isEmpty();
    }

    @Test
    void aClusterThatGotAnotherPlanIsNoEvidenceOfTheChosenOne() {
        Capture plan = mpgCreate.stream().filter(c -> c.parameter().equals("clusterPlan")).findFirst().orElseThrow();

        assertThat(plan.required()).isTrue();
        assertThat(capture("clusterPlan", "mpg-proxy", FLY_OUTPUT.replace("  Plan: launch", "  Plan: basic")))
            .isEmpty();
    }

    @Test
    void theDirectUrlDropsThePoolersPortAndKeepsTheQuery() {
        String output = "  Connection string: postgresql://fly-user:pw@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db-mpg-3f9a?sslmode=disable\n";

        assertThat(capture("targetDirectUrl", "private-network", output))
            .contains("postgresql://fly-user:pw@direct.mpg-3f9a.flympg.localhost/fly-db-mpg-3f9a?sslmode=disable");
        assertThat(capture("targetPooledUrl", "private-network", output)).contains(
                "postgresql://fly-user:pw@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db-mpg-3f9a?sslmode=disable");
    }

    @Test
    void aPrintedAddressThatIsNotThePoolerGivesNoDirectUrlRatherThanAWrongOne() {
        String output = "  Connection string: postgresql://fly-user:pw@db.9x8k2m4ld5q7wz1e.flympg.net/fly-db\n";

        assertThat(capture("targetPooledUrl", "private-network", output))
            .contains("postgresql://fly-user:pw@db.9x8k2m4ld5q7wz1e.flympg.net/fly-db");
        assertThat(capture("targetDirectUrl", "private-network", output)).isEmpty();
    }

    @Test
    void outputWithoutTheValueCapturesNothing() {
        String output = "Error: failed creating managed postgres cluster: organization personal not found\n";

        assertThat(mpgCreate)
            .allSatisfy(c -> assertThat(c.from(output, Map.of("plan", "launch")::get)).as(c.parameter()).isEmpty());
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

        assertThat(capture.from("ID                   STATE\nvol_r63zzmp36e21j51r created\n"))
            .isEqualTo(Optional.of("vol_r63zzmp36e21j51r"));
    }

}
