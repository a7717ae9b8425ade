package io.cutover.copy;

import io.cutover.logstream.RunLog;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows pg_restore --verbose: an item counts as done when it is processed (serial part)
 * or finished (parallel part). Logs "items done / total" every few percent.
 */
final class RestoreProgress implements Consumer<String> {

    private static final Pattern ITEM = Pattern.compile("pg_restore: (?:processing|finished) item (\\d+) ");

    private final Set<Long> toc;

    private final Set<Long> done = new HashSet<>();

    private final RunLog log;

    private int lastPercent = -1;

    RestoreProgress(Toc toc, RunLog log) {
        this.toc = toc.items();
        this.log = log;
    }

    @Override
    public synchronized void accept(String line) {
        Matcher m = ITEM.matcher(line);
        if (m.find()) {
            long item = Long.parseLong(m.group(1));
            if (toc.contains(item) && done.add(item)) {
                int percent = (int) (100L * done.size() / Math.max(1, toc.size()));
                if (percent >= lastPercent + 5 || done.size() == toc.size()) {
                    lastPercent = percent;
                    log.system("progress " + done.size() + "/" + toc.size() + " items (" + percent + "%)");
                }
            }
        }
    }

    synchronized int done() {
        return done.size();
    }

}
