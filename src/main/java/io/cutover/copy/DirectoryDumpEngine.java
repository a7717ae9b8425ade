package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.ProcessSpec;
import io.cutover.migration.ExecutionValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * pg_dump in directory format, uncompressed, one job per core, then pg_restore with as
 * many jobs. No compression: inside the downtime window, zlib on one core is the slowest
 * part of the seed's method. Always available where the PostgreSQL client tools are.
 */
@Component
class DirectoryDumpEngine implements CopyEngine {

    @Override
    public String name() {
        return "pg_dump";
    }

    @Override
    public boolean available(CheckContext ctx) {
        return true;
    }

    @Override
    public ProcessResult copy(CheckContext ctx, ExecutionValues.Connection source, ExecutionValues.Connection target,
            int jobs) throws Exception {
        return copy(ctx, source, target, jobs, null, "final-sync");
    }

    /**
     * @param snapshot an exported snapshot to dump at (continuous sync's initial copy),
     * or null for now
     */
    ProcessResult copy(CheckContext ctx, ExecutionValues.Connection source, ExecutionValues.Connection target, int jobs,
            String snapshot, String name) throws Exception {
        Path dir = Files.createDirectories(ctx.workdir().resolve("work")).resolve(name + "-" + ctx.timestamp());
        Duration timeout = Duration.ofHours(6);
        try {
            List<String> argv = new java.util.ArrayList<>(List.of("pg_dump", "--format=directory", "--compress=0",
                    "--jobs", Integer.toString(jobs), "--file", dir.toString()));
            if (snapshot != null) {
                // The sync's own publication is on the source by now; it must not be
                // copied to the target.
                argv.addAll(List.of("--snapshot=" + snapshot, "--no-publications", "--no-subscriptions"));
            }
            argv.addAll(List.of("--dbname", source.url().withoutPassword()));
            ProcessResult dump = ctx.exec(ProcessSpec.of(argv, timeout));
            if (!dump.succeeded()) {
                return dump;
            }
            return Toc.of(ctx, dir).restore(ctx, dir, target, jobs, timeout);
        }
        finally {
            WorkFiles.deleteTree(dir, ctx.log());
        }
    }

}
