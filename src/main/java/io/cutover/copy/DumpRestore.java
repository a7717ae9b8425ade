package io.cutover.copy;

import io.cutover.execution.ArtifactView;
import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ProcessResult;
import io.cutover.migration.ExecutionValues;
import io.cutover.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the restore and the restore test share: the custom-format dump the backup wrote,
 * restored with the copy's parallel jobs within the step's timeout, and the verifier that
 * judges what arrived.
 */
@Component
record DumpRestore(CopyProperties properties, Verifier verifier) {

    /** The newest custom-format dump; option {@code customDump} names another kind. */
    static Optional<ArtifactView> newestDump(CheckContext ctx) {
        return ctx.newestArtifact(ctx.option("customDump").orElse("custom-dump"));
    }

    /**
     * Runs what needs the newest dump on it, or fails saying to take the backup first:
     * the restore and the restore test both start from the file the backup step wrote.
     * @param purpose what the dump is for, as the failure says it ("restore", "test")
     */
    static CheckOutcome withNewestDump(CheckContext ctx, String purpose, DumpUse use) throws Exception {
        Optional<ArtifactView> dump = newestDump(ctx);
        if (dump.isEmpty()) {
            return CheckOutcome.failed("No custom-format dump to " + purpose + ": take the backup first");
        }
        return use.run(new Dump(dump.get().path(), ctx.workdir().resolve(dump.get().path())));
    }

    int jobs() {
        return properties.parallelJobs();
    }

    ProcessResult restore(CheckContext ctx, Toc toc, Path file, ExecutionValues.Connection into)
            throws InterruptedException {
        return toc.restore(ctx, file, into, jobs(), timeout(ctx));
    }

    /** A dump as the log names it (its path in the workdir) and as a file to read. */
    record Dump(String path, Path file) {
    }

    /** A step's work on a dump that was found. */
    @FunctionalInterface
    interface DumpUse {

        CheckOutcome run(Dump dump) throws Exception;

    }

    /** A restore of a large dump takes hours: six unless the step says otherwise. */
    static Duration timeout(CheckContext ctx) {
        return Optional.ofNullable(ctx.step().timeout()).orElse(Duration.ofHours(6));
    }

}
