package io.cutover.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;

@DataJdbcTest
class StepCompletionRepositoryTest {

    @Autowired
    StepCompletionRepository completions;

    @Autowired
    MigrationRepository migrations;

    @Test
    void keepsEveryCompletionInOrderSoTheNewestIsTheEvidence() {
        long id = migrations.save(Migration.create("m", "flex-to-mpg", 1, "admin", Instant.now(), Set.of())).id();
        long other = migrations.save(Migration.create("other", "flex-to-mpg", 1, "admin", Instant.now(), Set.of()))
            .id();
        completions.save(new StepCompletion(null, id, "backup", "dump-custom", "alice", Instant.now(), 7L, null));
        completions.save(new StepCompletion(null, id, "backup", "dump-custom", "bob", Instant.now(), 9L, null));
        completions.save(new StepCompletion(null, other, "backup", "dump-custom", "carol", Instant.now(), 3L, null));

        assertThat(completions.findByMigration(id)).extracting(StepCompletion::completedBy)
            .containsExactly("alice", "bob");
    }

}
