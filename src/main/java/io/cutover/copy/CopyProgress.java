package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.logstream.ProgressMeter;
import io.cutover.migration.ExecutionValues;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Samples a running copy on the target, for the run page's bar: what it has to move is
 * the source's tables ({@link TableEstimate}); what it has moved is each target table's
 * inserted rows (committed: {@code n_tup_ins}) plus those of the COPY still running into
 * it ({@code pg_stat_progress_copy}). Both engines (pg_restore and pgcopydb) load tables
 * with COPY, so one sampler serves them all without parsing their output. Sampling never
 * fails the copy: a sampler that cannot connect says so once and the copy goes on without
 * a bar.
 */
@Component
class CopyProgress {

    private final CopyProperties properties;

    private final ScheduledExecutorService scheduler;

    CopyProgress(CopyProperties properties,
            @Qualifier(CopyProgressScheduling.SAMPLERS) ScheduledExecutorService scheduler) {
        this.properties = properties;
        this.scheduler = scheduler;
    }

    /** Starts sampling; close the result (or finish it) when the copy returns. */
    Sampling start(CheckContext ctx, ExecutionValues.Connection source, ExecutionValues.Connection target,
            String label) {
        return start(ctx, source, target, label, Sampling::received);
    }

    /**
     * Like the above, reading each table's rows done on {@code sampled} with
     * {@code reader}.
     */
    Sampling start(CheckContext ctx, ExecutionValues.Connection source, ExecutionValues.Connection sampled,
            String label, Reader reader) {
        try (Connection c = PgSession.open(source, Duration.ofSeconds(10))) {
            List<TableEstimate> tables = TableEstimate.of(c);
            long rows = tables.stream().mapToLong(TableEstimate::rows).sum();
            long bytes = tables.stream().mapToLong(TableEstimate::bytes).sum();
            ProgressMeter meter = new ProgressMeter(ctx.log(), label, "rows", rows, bytes, properties.progressWindow());
            Sampling sampling = new Sampling(meter, tables, sampled, reader);
            sampling.future = scheduler.scheduleWithFixedDelay(sampling::sample, 0,
                    properties.progressEvery().toMillis(), TimeUnit.MILLISECONDS);
            return sampling;
        }
        catch (SQLException | RuntimeException e) {
            ctx.log()
                .system("No progress bar for this copy: the source's table sizes cannot be read (" + e.getMessage()
                        + ")");
            return new Sampling(null, List.of(), sampled, reader);
        }
    }

    /** Rows done so far per table ({@code schema.table}, quoted as needed). */
    @FunctionalInterface
    interface Reader {

        Map<String, Long> read(Connection c) throws SQLException;

    }

    /** One copy's sampling; its connection to the sampled server is its own. */
    static final class Sampling implements AutoCloseable {

        /** Rows each target table has received, committed or still being copied. */
        private static final String RECEIVED = """
                SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname),
                       s.n_tup_ins + coalesce(p.copied, 0)
                FROM pg_stat_user_tables s
                LEFT JOIN (SELECT relid, sum(tuples_processed) AS copied FROM pg_stat_progress_copy
                           WHERE command = 'COPY FROM' GROUP BY relid) p ON p.relid = s.relid
                """;

        private final ProgressMeter meter;

        private final List<TableEstimate> tables;

        private final ExecutionValues.Connection target;

        private final Reader reader;

        private volatile ScheduledFuture<?> future;

        private Connection connection;

        private boolean broken;

        Sampling(ProgressMeter meter, List<TableEstimate> tables, ExecutionValues.Connection target, Reader reader) {
            this.meter = meter;
            this.tables = tables;
            this.target = target;
            this.reader = reader;
        }

        /** One reading of the target; false when it could not be read. */
        synchronized boolean sample() {
            if (meter == null || broken) {
                return false;
            }
            try {
                if (connection == null || connection.isClosed()) {
                    connection = PgSession.open(target, Duration.ofSeconds(10));
                }
                Map<String, Long> received = reader.read(connection);
                long done = 0;
                long bytes = 0;
                for (TableEstimate t : tables) {
                    long rows = Math.min(t.rows(), received.getOrDefault(t.table(), 0L));
                    done += rows;
                    bytes += t.bytesFor(rows);
                }
                meter.update(done, bytes);
                return true;
            }
            catch (SQLException e) {
                // The copy may not have created its tables yet, or the target restarts:
                // try again at the next sample, on a new connection.
                closeConnection();
                return false;
            }
        }

        static Map<String, Long> received(Connection c) throws SQLException {
            Map<String, Long> received = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(RECEIVED)) {
                while (rs.next()) {
                    received.put(rs.getString(1), rs.getLong(2));
                }
            }
            return received;
        }

        /**
         * Stops sampling and writes the last event. After a copy that succeeded, the
         * target's statistics may trail its last commits by a moment (a backend reports
         * them as it exits): waits up to two seconds for them to show every row.
         */
        void finish(boolean succeeded) {
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            if (meter == null) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (succeeded && sample() && meter.percent() < 100 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            meter.finish(succeeded);
            synchronized (this) {
                broken = true;
                closeConnection();
            }
        }

        /**
         * Stops a copy whose progress cannot be read to the end (a dump's last tables may
         * finish between two samples): after success, everything counts as done.
         */
        void finishComplete(boolean succeeded) {
            if (succeeded && meter != null) {
                meter.update(meter.total(), meter.bytesTotal());
            }
            finish(succeeded);
        }

        /** Stops like a failed copy, unless {@link #finish} was called first. */
        @Override
        public void close() {
            finish(false);
        }

        long done() {
            return meter == null ? 0 : meter.done();
        }

        private void closeConnection() {
            try {
                if (connection != null) {
                    connection.close();
                }
            }
            catch (SQLException ignored) {
                // gone already
            }
            connection = null;
        }

    }

}
