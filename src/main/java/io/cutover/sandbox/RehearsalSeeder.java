package io.cutover.sandbox;

import io.cutover.migration.CreateMigration;
import io.cutover.migration.MigrationManagement;
import io.cutover.shared.Actor;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the "rehearsal" migration the first time the sandbox starts. */
@Component
@Profile("sandbox")
@Order(10)
class RehearsalSeeder implements ApplicationRunner {

    static final String NAME = "rehearsal";
    private static final Logger log = LoggerFactory.getLogger(RehearsalSeeder.class);

    private final MigrationManagement migrations;

    RehearsalSeeder(MigrationManagement migrations) {
        this.migrations = migrations;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (migrations.list().stream().anyMatch(m -> m.name().equals(NAME))) {
            return;
        }
        migrations.create(new CreateMigration(NAME, "flex-to-mpg", Map.of("stablePeriodDays", "0")), new Actor("sandbox", Set.of()));
        log.info("Sandbox: created the '{}' migration", NAME);
    }
}
