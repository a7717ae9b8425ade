package io.cutover.execution;

import java.util.List;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;

/**
 * Watches a runbook's command step while it runs, for what the command's own output does
 * not tell (a pg_dump's progress, read on the server it dumps). Modules that know a tool
 * implement it; execution asks each before the command starts.
 */
@NamedInterface("spi")
public interface CommandWatcher {

    /** Starts watching the command, or empty when it is not one this watcher knows. */
    Optional<Watch> watch(CheckContext ctx, List<String> argv);

    /** One command being watched. */
    interface Watch {

        void finished(boolean succeeded);

    }

}
