package io.cutover.execution;

import io.cutover.logstream.RunLog;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.SqlTarget;
import io.cutover.runbook.Step;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;

/** What a built-in check may use while it runs as a step. */
@NamedInterface("spi")
public interface CheckContext {

    long migrationId();

    long runId();

    Runbook runbook();

    Step step();

    /** The migration's working directory (backups/, logs/, verification/). */
    Path workdir();

    /** Parameter values with secrets: never log them, the log masks them anyway. */
    ExecutionValues values();

    /** The run's log; every line is redacted before it is stored or sent. */
    RunLog log();

    /** The connection behind a SQL target, with its password. */
    Optional<ExecutionValues.Connection> connection(SqlTarget target);

    /**
     * The connection behind a SQL target, for checks that cannot do without it: the run
     * fails saying which one is missing.
     */
    default ExecutionValues.Connection requiredConnection(SqlTarget target) {
        return connection(target).orElseThrow(() -> new IllegalStateException(
                "The " + target.name().toLowerCase() + " connection is not set; set it on the Parameters page"));
    }

    /** The newest file of a kind that a step produced. */
    Optional<ArtifactView> newestArtifact(String kind);

    /**
     * Runs a command the way command steps run (the only way a check may start a
     * process).
     */
    ProcessResult exec(ProcessSpec spec) throws InterruptedException;

    /**
     * A step option rendered with the migration's values (connections without password);
     * empty when unset.
     */
    Optional<String> option(String name);

    /** Whether an operator asked to cancel; long checks should stop soon after. */
    boolean cancelled();

    /**
     * Says the check is about to overwrite what its step declares it destroys (empty the
     * target, start a restore): from here on a failure or cancel leaves a partial result,
     * recorded at once.
     */
    default void harming() {
    }

    /**
     * Whether an earlier run of this migration wrote to the target: what it holds is the
     * panel's own copy, which a re-run may empty.
     */
    default boolean targetFilledByPanel() {
        return false;
    }

    /** The run's timestamp for file names (yyyyMMdd_HHmmss, UTC). */
    String timestamp();

}
