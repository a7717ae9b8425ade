package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path home;

    @Test
    void concurrentChangesAreAllKept() throws Exception {
        EmulatorFixture fly = new EmulatorFixture(home);
        EmulatedFly.seed(home, new SeedApps("personal", "ord", "flex", "d894ed5a696d58", "vol_x", "flexdb",
                "postgres://postgres@127.0.0.1/flexdb", "web", 1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String pair = "SECRET_" + i + "=value" + i;
            runs.add(pool.submit(() -> fly.run("secrets", "set", pair, "--app", "web", "--stage").exit()));
        }
        for (Future<Integer> run : runs) {
            assertThat(run.get()).isZero();
        }
        pool.shutdown();

        assertThat(EmulatedFly.app(home, "web").orElseThrow().secrets()).hasSize(41)
            .containsEntry("SECRET_39", "value39");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("state.json"))))
            .isEqualTo("rw-------");
    }

    @Test
    void seedingTwiceKeepsWhatChangedInBetween() {
        SeedApps seed = new SeedApps("personal", "ord", "flex", "d894ed5a696d58", "vol_x", "flexdb",
                "postgres://postgres@127.0.0.1/flexdb", "web", 2);
        EmulatedFly.seed(home, seed);
        new EmulatorFixture(home).run("scale", "count", "0", "--app", "web", "--yes");

        EmulatedFly.seed(home, seed);

        assertThat(EmulatedFly.app(home, "web").orElseThrow().startedMachines()).isEmpty();
        assertThat(EmulatedFly.app(home, "flex").orElseThrow().kind()).isEqualTo("postgres-flex");
    }

}
