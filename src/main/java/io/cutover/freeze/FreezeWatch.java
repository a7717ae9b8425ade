package io.cutover.freeze;

import io.cutover.migration.ExecutionValues;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Samples the source's sessions while it is frozen, so that the proof can name who wrote
 * even when the writer has disconnected since: only roles the freeze could not block can
 * connect, so any session it sees is a suspect. Kept in memory: after a panel restart the
 * proof says it saw nothing before the restart and still judges by the counters.
 */
@Component
class FreezeWatch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FreezeWatch.class);

    private final FreezeProperties properties;

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "freeze-watch");
        t.setDaemon(true);
        return t;
    });

    private final Map<Long, Watched> watched = new ConcurrentHashMap<>();

    FreezeWatch(FreezeProperties properties) {
        this.properties = properties;
    }

    private record Watched(Connection connection, Set<String> seen, ScheduledFuture<?> task) {
    }

    void start(long migrationId, ExecutionValues.Connection source) throws SQLException {
        stop(migrationId);
        Connection c = PgSession.open(source, properties.connectTimeout(),
                Map.of("ApplicationName", "cutover-freeze-watch"));
        Set<String> seen = Collections.synchronizedSet(new LinkedHashSet<>());
        long every = properties.watchInterval().toMillis();
        ScheduledFuture<?> task = sampler.scheduleWithFixedDelay(() -> sample(migrationId, c, seen), 0, every,
                TimeUnit.MILLISECONDS);
        watched.put(migrationId, new Watched(c, seen, task));
    }

    boolean running(long migrationId) {
        return watched.containsKey(migrationId);
    }

    Set<String> seen(long migrationId) {
        Watched w = watched.get(migrationId);
        if (w == null) {
            return Set.of();
        }
        synchronized (w.seen()) {
            return new LinkedHashSet<>(w.seen());
        }
    }

    void stop(long migrationId) {
        Watched w = watched.remove(migrationId);
        if (w != null) {
            w.task().cancel(false);
            try {
                w.connection().close();
            }
            catch (SQLException ignored) {
                // The session ends with the connection either way.
            }
        }
    }

    private static void sample(long migrationId, Connection c, Set<String> seen) {
        try {
            seen.addAll(FreezeProof.connectedNow(c));
        }
        catch (SQLException e) {
            log.debug("Freeze watch of migration {} could not sample the source: {}", migrationId, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        watched.keySet().forEach(this::stop);
        sampler.shutdownNow();
    }

}
