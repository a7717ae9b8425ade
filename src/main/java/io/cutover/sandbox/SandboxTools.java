package io.cutover.sandbox;

import io.cutover.emulator.EmulatedFly;
import io.cutover.emulator.HostTools;
import io.cutover.execution.StepNotices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The programs the rehearsal runs, checked once when the sandbox starts. The PostgreSQL
 * client tools are required: without one the start-up stops with one line saying what to
 * install. PgBouncer and pgcopydb add coverage: each one missing is logged with what it
 * costs, and the wizard shows the same on the steps it affects before anyone runs them.
 */
@Component
@Profile("sandbox")
class SandboxTools implements StepNotices {

    static final String RUNBOOK = "flex-to-mpg";
    static final String DASHBOARD = "/sandbox/fly-dashboard";
    static final String NO_PGCOPYDB = "the final sync copies with pg_dump and pg_restore instead of pgcopydb (slower): install pgcopydb "
            + "(apt-get install pgcopydb)";

    private static final List<String> CLIENT_TOOLS = List.of("pg_dump", "pg_restore", "psql");

    private static final Logger log = LoggerFactory.getLogger(SandboxTools.class);

    private final Optional<Path> pgbouncer;

    private final boolean pgcopydb;

    private final Map<String, Notice> notices = new LinkedHashMap<>();

    private final List<String> report = new ArrayList<>();

    SandboxTools(SandboxProperties properties) {
        List<String> versions = new ArrayList<>();
        for (String tool : CLIENT_TOOLS) {
            Path program = HostTools.find(tool).orElseThrow(() -> new MissingClientTools(tool));
            versions.add(HostTools.version(program).orElse(tool + " (version unknown)"));
        }
        report.add("Sandbox tools: " + String.join(", ", versions));
        pgbouncer = HostTools.find(properties.pgbouncer());
        pgcopydb = HostTools.find("pgcopydb").isPresent();
        report.add(pgbouncer.map(p -> "Sandbox tools: " + HostTools.version(p).orElse("PgBouncer") + " at " + p)
            .orElse("Sandbox tools: no PgBouncer ('" + properties.pgbouncer() + "'): " + EmulatedFly.NEEDS_PGBOUNCER));
        report.add(pgcopydb ? "Sandbox tools: pgcopydb found" : "Sandbox tools: no pgcopydb: " + NO_PGCOPYDB);
        report.forEach(line -> {
            if (line.contains(": no ")) {
                log.warn(line);
            }
            else {
                log.info(line);
            }
        });
        notices.put("pool-mode-transaction", pgbouncer.isPresent()
                ? new Notice("Sandbox: there is no Fly dashboard here; switch the pool mode on the emulated one.",
                        DASHBOARD)
                : new Notice(
                        "Sandbox: " + EmulatedFly.NEEDS_PGBOUNCER + "; the rehearsal migration keeps session mode.",
                        DASHBOARD));
        if (!pgcopydb) {
            notices.put("final-sync", new Notice("Sandbox: " + NO_PGCOPYDB + ".", null));
        }
    }

    /** What the start-up check found, one line per tool or group, as logged. */
    List<String> report() {
        return List.copyOf(report);
    }

    /**
     * PgBouncer, when this host has it: the emulated clusters' transaction pool mode runs
     * on it.
     */
    Optional<Path> pgbouncer() {
        return pgbouncer;
    }

    @Override
    public Map<String, Notice> notices(String runbookId) {
        return RUNBOOK.equals(runbookId) ? Map.copyOf(notices) : Map.of();
    }

    /**
     * A required tool is missing: the sandbox cannot start (see
     * {@link SandboxStartFailure}).
     */
    static final class MissingClientTools extends IllegalStateException {

        MissingClientTools(String tool) {
            super("The sandbox needs the PostgreSQL client tools (pg_dump, pg_restore, psql) and '" + tool
                    + "' is not on the PATH: install them"
                    + " (apt-get install postgresql-client, or brew install libpq and put its bin on the PATH)");
        }

    }

}
