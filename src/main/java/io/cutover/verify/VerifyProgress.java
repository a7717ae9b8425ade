package io.cutover.verify;

import io.cutover.logstream.ProgressMeter;
import io.cutover.logstream.RunLog;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A verification's progress for the run page's bar: tables done on both sides, weighted
 * by the bytes hashed (each part of a table counts its share of the table's size). Parts
 * finish on many threads; the bar is updated at most once a second.
 */
final class VerifyProgress {

    /** For verifications that are not a run's step of their own (no bar). */
    static final VerifyProgress NONE = new VerifyProgress(null);

    /** The rate looks back this far: verifications are shorter than copies. */
    private static final Duration WINDOW = Duration.ofSeconds(20);

    private static final long EVERY_NANOS = 1_000_000_000L;

    private final RunLog log;

    private final AtomicLong tables = new AtomicLong();

    private final AtomicLong bytes = new AtomicLong();

    private volatile ProgressMeter meter;

    private long lastUpdate;

    VerifyProgress(RunLog log) {
        this.log = log;
    }

    /** Both sides' tables and their sizes, once both scans have planned their parts. */
    void totals(long tableCount, long byteCount) {
        if (log != null) {
            meter = new ProgressMeter(log, "Tables verified", "tables", tableCount, byteCount, WINDOW);
            update(true);
        }
    }

    /** A part of a table is hashed; {@code tableDone} when it was the table's last. */
    void hashed(long partBytes, boolean tableDone) {
        bytes.addAndGet(partBytes);
        if (tableDone) {
            tables.incrementAndGet();
        }
        update(false);
    }

    void finish(boolean succeeded) {
        ProgressMeter m = meter;
        if (m != null) {
            update(true);
            m.finish(succeeded);
        }
    }

    private synchronized void update(boolean now) {
        ProgressMeter m = meter;
        long t = System.nanoTime();
        if (m != null && (now || t - lastUpdate >= EVERY_NANOS)) {
            lastUpdate = t;
            m.update(tables.get(), bytes.get());
        }
    }

}
