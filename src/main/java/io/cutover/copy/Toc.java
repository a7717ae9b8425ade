package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.ProcessSpec;
import io.cutover.migration.ExecutionValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A dump's table of contents, as pg_restore --list prints it: the items a restore works
 * through.
 */
record Toc(Set<Long> items, ProcessResult listing) {

    static Toc of(CheckContext ctx, Path dump) throws InterruptedException {
        Set<Long> items = new LinkedHashSet<>();
        ProcessResult r = ctx
            .exec(ProcessSpec.of(List.of("pg_restore", "--list", dump.toString()), Duration.ofMinutes(10))
                .withStdoutLines(line -> {
                    if (!line.startsWith(";") && line.contains(";")) {
                        try {
                            items.add(Long.parseLong(line.substring(0, line.indexOf(';')).strip()));
                        }
                        catch (NumberFormatException ignored) {
                            // not an item line
                        }
                    }
                }, false));
        return new Toc(items, r);
    }

    int size() {
        return items.size();
    }

    /**
     * Restores the dump into {@code target} with {@code jobs} parallel jobs, without the
     * source's owners and grants (the target's user owns everything), logging progress
     * against this table of contents; stops at the first error.
     */
    ProcessResult restore(CheckContext ctx, Path dump, ExecutionValues.Connection target, int jobs, Duration timeout)
            throws InterruptedException {
        return ctx.exec(ProcessSpec
            .of(List.of("pg_restore", "--verbose", "--no-owner", "--no-acl", "--exit-on-error", "--jobs",
                    Integer.toString(jobs), "--dbname", target.url().withoutPassword(), dump.toString()), timeout)
            .withStderrLines(new RestoreProgress(this, ctx.log())));
    }
}
