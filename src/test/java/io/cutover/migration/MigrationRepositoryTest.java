package io.cutover.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;

@DataJdbcTest
class MigrationRepositoryTest {

    @Autowired
    MigrationRepository repository;

    @Test
    void savesAMigrationWithItsParametersAndReadsThemBack() {
        Migration saved = repository.save(Migration.create("production", "flex-to-mpg", 1, "admin",
                Instant.parse("2026-11-01T10:00:00Z"), Set.of(new MigrationParam("app", "blockster-v2", null),
                        new MigrationParam("flyApiToken", null, "v1:sealed"))));

        Migration read = repository.findById(saved.id()).orElseThrow();

        assertThat(read.name()).isEqualTo("production");
        assertThat(read.param("app")).map(MigrationParam::plainValue).contains("blockster-v2");
        assertThat(read.param("flyApiToken")).map(MigrationParam::sealedValue).contains("v1:sealed");
    }

    @Test
    void listsNewestFirstAndFindsNamesWhateverTheirCase() {
        repository.save(Migration.create("rehearsal", "flex-to-mpg", 1, "admin", Instant.parse("2026-11-01T10:00:00Z"),
                Set.of()));
        repository.save(Migration.create("Production", "flex-to-mpg", 1, "admin", Instant.parse("2026-11-02T10:00:00Z"),
                Set.of()));

        assertThat(repository.summaries()).extracting(MigrationSummary::name)
            .containsExactly("Production", "rehearsal");
        assertThat(repository.existsByNameIgnoreCase("PRODUCTION")).isTrue();
        assertThat(repository.existsByNameIgnoreCase("staging")).isFalse();
    }

    @Test
    void updatingAParameterReplacesItsValue() {
        Migration m = repository.save(Migration.create("m", "flex-to-mpg", 1, "admin", Instant.now(),
                Set.of(new MigrationParam("region", "ord", null))));

        m.put(new MigrationParam("region", "iad", null));
        repository.save(m);

        assertThat(repository.findById(m.id()).orElseThrow().param("region")).map(MigrationParam::plainValue)
            .contains("iad");
    }

}
