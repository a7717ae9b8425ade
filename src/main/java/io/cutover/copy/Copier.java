package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.ProcessResult;
import io.cutover.migration.ExecutionValues;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.time.Duration;
import org.springframework.stereotype.Service;

/**
 * The copy module's facade for other modules that move data: continuous sync's initial
 * copy.
 */
@Service
public class Copier {

    private final CopyProperties properties;

    private final DirectoryDumpEngine dump;

    Copier(CopyProperties properties, DirectoryDumpEngine dump) {
        this.properties = properties;
        this.dump = dump;
    }

    /**
     * Drops what the target's user owns (a superuser: the user schemas), logging each
     * action.
     */
    public void cleanTarget(CheckContext ctx, ExecutionValues.Connection target) throws java.sql.SQLException {
        try (Connection c = PgSession.open(target, Duration.ofSeconds(10))) {
            TargetCleaner.clean(c).forEach(line -> ctx.log().system("target: " + line));
        }
    }

    /**
     * Copies the source as an exported snapshot shows it (pg_dump --snapshot, directory
     * format, uncompressed, parallel; then a parallel pg_restore without owners or
     * grants), then ANALYZE. The snapshot's exporting session must stay open until this
     * returns.
     */
    public ProcessResult copyAtSnapshot(CheckContext ctx, ExecutionValues.Connection source,
            ExecutionValues.Connection target, String snapshot) throws Exception {
        int jobs = properties.parallelJobs();
        ctx.log().system("Copying at snapshot " + snapshot + " with pg_dump/pg_restore, " + jobs + " jobs");
        // The engine's bar counts the dump's rows, then the restore's.
        ProcessResult copied = dump.copy(ctx, source, target, jobs, snapshot, "initial-copy");
        if (copied.succeeded()) {
            Analyze.run(ctx, target);
        }
        return copied;
    }

}
