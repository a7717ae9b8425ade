package io.cutover.copy;

import io.cutover.execution.ArtifactView;
import io.cutover.execution.CheckContext;
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

    int jobs() {
        return properties.parallelJobs();
    }

    ProcessResult restore(CheckContext ctx, Toc toc, Path file, ExecutionValues.Connection into)
            throws InterruptedException {
        return toc.restore(ctx, file, into, jobs(), timeout(ctx));
    }

    /** A restore of a large dump takes hours: six unless the step says otherwise. */
    static Duration timeout(CheckContext ctx) {
        return Optional.ofNullable(ctx.step().timeout()).orElse(Duration.ofHours(6));
    }

}
