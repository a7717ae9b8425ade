package io.cutover.migration;

import io.cutover.runbook.ParameterType;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Runbooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At start-up, seals any password a stored connection still holds in clear: a
 * {@code ?password=} or keyword-form password saved before every form was separated. From
 * then on H2 holds none.
 */
@Component
@Order(-200)
class StoredPasswordSealing implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StoredPasswordSealing.class);

    private final MigrationRepository migrations;

    private final ParameterBinder binder;

    private final Runbooks runbooks;

    StoredPasswordSealing(MigrationRepository migrations, ParameterBinder binder, Runbooks runbooks) {
        this.migrations = migrations;
        this.binder = binder;
        this.runbooks = runbooks;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (MigrationSummary summary : migrations.summaries()) {
            Migration migration = migrations.findById(summary.id()).orElseThrow();
            Runbook runbook = runbooks.find(migration.runbookId()).orElse(null);
            if (runbook == null) {
                continue;
            }
            int sealed = 0;
            for (MigrationParam p : migration.params()) {
                boolean connection = runbook.parameter(p.name())
                    .map(x -> x.type() == ParameterType.CONNECTION)
                    .orElse(false);
                if (connection) {
                    var resealed = binder.resealed(p);
                    if (resealed.isPresent()) {
                        migration.put(resealed.get());
                        sealed++;
                    }
                }
            }
            if (sealed > 0) {
                migrations.save(migration);
                log.warn("Migration {}: sealed the password of {} stored connection(s) that held it in clear",
                        migration.id(), sealed);
            }
        }
    }

}
