package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CommandWatcher;
import io.cutover.runbook.SqlTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A runbook's pg_dump step gets the run page's bar too: pg_dump reads each table with
 * COPY TO, which {@code pg_stat_progress_copy} shows on the source. A table seen there
 * and gone since is dumped whole; one still there counts its rows so far. A small table
 * dumped between two samples is only counted when the dump ends.
 */
@Component
class DumpProgress implements CommandWatcher {

    private final CopyProgress progress;

    DumpProgress(CopyProgress progress) {
        this.progress = progress;
    }

    @Override
    public Optional<Watch> watch(CheckContext ctx, List<String> argv) {
        if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().equals("pg_dump")) {
            return Optional.empty();
        }
        return ctx.connection(SqlTarget.SOURCE).map(source -> {
            CopyProgress.Sampling sampling = progress.start(ctx, source, source, "Rows dumped", new Seen()::read);
            return sampling::finishComplete;
        });
    }

    /** What the dump's COPY TO statements have read, table by table. */
    static final class Seen {

        private static final String COPYING = """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), p.tuples_processed
                FROM pg_stat_progress_copy p
                JOIN pg_class c ON c.oid = p.relid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE p.command = 'COPY TO' AND p.datname = current_database() AND p.pid <> pg_backend_pid()
                """;

        private final Map<String, Long> seen = new HashMap<>();

        private final Set<String> finished = new HashSet<>();

        Map<String, Long> read(Connection c) throws SQLException {
            Map<String, Long> now = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(COPYING)) {
                while (rs.next()) {
                    now.put(rs.getString(1), rs.getLong(2));
                }
            }
            return advance(now);
        }

        /** Rows done per table, given the COPYs running now. */
        Map<String, Long> advance(Map<String, Long> running) {
            seen.keySet().stream().filter(t -> !running.containsKey(t)).forEach(finished::add);
            running.forEach((t, rows) -> seen.merge(t, rows, Math::max));
            Map<String, Long> done = new HashMap<>(seen);
            // Whole: the copy sampler caps each table at its estimated rows.
            finished.forEach(t -> done.put(t, Long.MAX_VALUE));
            return done;
        }

    }

}
