package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A dump's table of contents, as pg_restore --list prints it: the items a restore works through. */
record Toc(Set<Long> items, ProcessResult listing) {

    static Toc of(CheckContext ctx, Path dump) throws InterruptedException {
        Set<Long> items = new LinkedHashSet<>();
        ProcessResult r = ctx.exec(ProcessSpec.of(List.of("pg_restore", "--list", dump.toString()), Duration.ofMinutes(10))
                .withStdoutLines(line -> {
                    if (!line.startsWith(";") && line.contains(";")) {
                        try {
                            items.add(Long.parseLong(line.substring(0, line.indexOf(';')).strip()));
                        } catch (NumberFormatException ignored) {
                            // not an item line
                        }
                    }
                }, false));
        return new Toc(items, r);
    }

    int size() {
        return items.size();
    }
}
