package io.cutover.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.PanelTest;
import io.cutover.shared.Actor;
import io.cutover.shared.InvalidInputException;
import io.cutover.shared.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@PanelTest
class MigrationManagementTest {

    private static final Actor ADMIN = new Actor("admin", Set.of(Role.ADMIN.name()));

    @Autowired
    MigrationManagement migrations;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void secretsAndConnectionPasswordsAreSealedInH2AndNeverShown() {
        MigrationDetails created = migrations.create(new CreateMigration("sealed-" + System.nanoTime(), "flex-to-mpg",
                Map.of("flyApiToken", "FlyV1 fm2_topsecret-token", "sourceUrl",
                        "postgres://postgres:flex-Pa55word@localhost:15432/fragrant_flower_8144")),
                ADMIN);

        List<String> stored = jdbc.queryForList(
                "SELECT COALESCE(plain_value, '') || ' ' || COALESCE(sealed_value, '') FROM migration_param WHERE migration_id = ?",
                String.class, created.id());
        assertThat(String.join("\n", stored)).doesNotContain("topsecret-token").doesNotContain("flex-Pa55word");
        assertThat(created.parameter("flyApiToken").orElseThrow().display()).isEmpty();
        assertThat(created.parameter("flyApiToken").orElseThrow().secretSet()).isTrue();
        assertThat(created.display("sourceUrl")).isEqualTo("postgres://postgres@localhost:15432/fragrant_flower_8144");
        assertThat(created.parameter("sourceUrl").orElseThrow().secretSet()).isTrue();
    }

    @Test
    void seedDefaultsApplyWhenNothingIsTyped() {
        MigrationDetails created = migrations
            .create(new CreateMigration("defaults-" + System.nanoTime(), "flex-to-mpg", Map.of()), ADMIN);

        assertThat(created.display("sourceApp")).isEqualTo("fragrant-flower-8144-db");
        assertThat(created.display("plan")).isEqualTo("launch");
        assertThat(created.display("volumeSize")).isEqualTo("20");
        assertThat(created.parameter("flyApiToken").orElseThrow().isSet()).isFalse();
    }

    @Test
    void blankSecretFieldKeepsTheStoredSecretAndTheUrlWithoutPasswordKeepsItsPassword() {
        MigrationDetails created = migrations.create(
                new CreateMigration("keep-" + System.nanoTime(), "flex-to-mpg",
                        Map.of("flyApiToken", "token-one", "sourceUrl", "postgres://postgres:pw@localhost:15432/db")),
                ADMIN);

        MigrationDetails updated = migrations.updateParameters(created.id(),
                Map.of("flyApiToken", "", "sourceUrl", "postgres://postgres@localhost:15432/db", "region", "iad"),
                ADMIN);

        assertThat(updated.parameter("flyApiToken").orElseThrow().secretSet()).isTrue();
        assertThat(updated.parameter("sourceUrl").orElseThrow().secretSet()).isTrue();
        assertThat(updated.display("region")).isEqualTo("iad");
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsCreated() {
        int before = migrations.list().size();

        assertThatThrownBy(() -> migrations.create(new CreateMigration("bad-" + System.nanoTime(), "flex-to-mpg",
                Map.of("volumeSize", "9000", "plan", "gigantic", "siteUrl", "ftp://x", "sourceUrl", "mysql://root@h/db",
                        "nope", "1")),
                ADMIN))
            .isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.fieldErrors()).containsKeys("volumeSize", "plan", "siteUrl", "sourceUrl", "nope")
                        .hasEntrySatisfying("volumeSize", m -> assertThat(m).contains("between 1 and 500"))
                        .hasEntrySatisfying("plan", m -> assertThat(m).contains("basic, starter, launch, scale")));
        assertThat(migrations.list()).hasSize(before);
    }

    @Test
    void twoMigrationsCannotShareAName() {
        String name = "twin-" + System.nanoTime();
        migrations.create(new CreateMigration(name, "flex-to-mpg", Map.of()), ADMIN);

        assertThatThrownBy(
                () -> migrations.create(new CreateMigration(name.toUpperCase(), "flex-to-mpg", Map.of()), ADMIN))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("already exists");
    }

}
