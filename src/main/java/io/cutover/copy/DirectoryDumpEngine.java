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
 *
 * <p>
 * Its bar is its own, in two parts: nothing reaches the target while pg_dump runs, so a
 * bar of the target's rows would sit at 0 % for the whole dump. The dump's rows are
 * counted on the source (its COPY TO statements, see {@link DumpProgress}), then the
 * restore's on the target.
 */
@Component
class DirectoryDumpEngine implements CopyEngine {

    private final CopyProgress progress;

    DirectoryDumpEngine(CopyProgress progress) {
        this.progress = progress;
    }

    @Override
    public boolean showsProgress() {
        return true;
    }

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
            ProcessResult dump;
            try (CopyProgress.Sampling dumped = progress.start(ctx, source, source, "Rows dumped",
                    new DumpProgress.Seen()::read)) {
                dump = ctx.exec(ProcessSpec.of(argv, timeout));
                dumped.finishComplete(dump.succeeded());
            }
            if (!dump.succeeded()) {
                return dump;
            }
            try (CopyProgress.Sampling copied = progress.start(ctx, source, target, "Rows copied")) {
                ProcessResult restored = Toc.of(ctx, dir).restore(ctx, dir, target, jobs, timeout);
                copied.finish(restored.succeeded());
                return restored;
            }
        }
        finally {
            WorkFiles.deleteTree(dir, ctx.log());
        }
    }

}
