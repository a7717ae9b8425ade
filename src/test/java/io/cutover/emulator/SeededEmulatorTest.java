package io.cutover.emulator;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An emulator home seeded with the two apps of the runbook, a fresh one per test: a Flex
 * app whose database holds real rows and an application with running machines.
 */
abstract class SeededEmulatorTest {

    @TempDir
    Path home;

    EmulatorFixture fly;

    SeedApps seed;

    private final int flexRows;

    private final int appMachines;

    SeededEmulatorTest(int flexRows, int appMachines) {
        this.flexRows = flexRows;
        this.appMachines = appMachines;
    }

    @BeforeEach
    void seedApps() throws Exception {
        fly = new EmulatorFixture(home);
        seed = fly.seed(fly.createFlexDatabase(flexRows), appMachines);
    }

    @AfterEach
    void closeFixture() throws Exception {
        fly.close();
    }

}
