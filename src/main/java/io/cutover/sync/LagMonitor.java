package io.cutover.sync;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads every live stream's lag and WAL retention from its source once a second, keeps a
 * short history to tell how fast a backlog drains, and hands each sample to the live feed
 * and the lag chart's ring.
 */
@Component
class LagMonitor {

    private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

    private static final int HISTORY = 15;

    private static final String SLOT_QUERY = "SELECT pg_current_wal_lsn()::text, s.confirmed_flush_lsn::text, s.active, s.wal_status,"
            + " pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn)::bigint, pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint,"
            + " EXTRACT(EPOCH FROM r.replay_lag)::float8, pg_database_size(current_database())"
            + " FROM pg_replication_slots s LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid WHERE s.slot_name = ?";

    private final SyncStreamRepository streams;

    private final SyncConnections connections;

    private final SyncAppliers appliers;

    private final SyncStatusFeed feed;

    private final SyncProperties properties;

    private final LagSamples samples;

    private final Clock clock;

    private final Map<Long, SyncStatus> latest = new ConcurrentHashMap<>();

    private final Map<Long, Deque<long[]>> history = new ConcurrentHashMap<>();

    private final Map<Long, Connection> sessions = new ConcurrentHashMap<>();

    /**
     * A JDBC session serves one thread at a time: the timer and a page may sample the
     * same stream at once.
     */
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sync-lag");
        t.setDaemon(true);
        return t;
    });

    LagMonitor(SyncStreamRepository streams, SyncConnections connections, SyncAppliers appliers, SyncStatusFeed feed,
            SyncProperties properties, LagSamples samples, Clock clock) {
        this.samples = samples;
        this.streams = streams;
        this.connections = connections;
        this.appliers = appliers;
        this.feed = feed;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        long every = properties.sampleInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sampleAll, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A fresh sample (one query on the source), so a page or API call never shows a state
     * that has just changed.
     */
    SyncStatus status(long migrationId) {
        return sample(migrationId);
    }

    void sampleAll() {
        try {
            Set<Long> live = streams.inStates(SyncState.COPYING, SyncState.STREAMING, SyncState.DRAINED)
                .stream()
                .map(SyncStream::migrationId)
                .collect(Collectors.toSet());
            for (long id : live) {
                SyncStatus status = sample(id);
                samples.record(status);
                feed.publish(status);
            }
            for (Long gone : latest.keySet().stream().filter(id -> !live.contains(id)).toList()) {
                latest.remove(gone);
                history.remove(gone);
                samples.forget(gone);
                close(gone);
                feed.publish(sample(gone));
            }
        }
        catch (RuntimeException e) {
            log.warn("Sampling sync lag failed", e);
        }
    }

    /** Reads the stream's position and retention now. */
    SyncStatus sample(long migrationId) {
        Instant now = clock.instant();
        Optional<SyncStream> found = streams.find(migrationId);
        if (found.isEmpty()) {
            return SyncStatus.none(migrationId, now);
        }
        SyncStream stream = found.get();
        if (!stream.state().holdsSlot()) {
            return finished(stream, now);
        }
        SyncStatus status;
        try {
            synchronized (locks.computeIfAbsent(migrationId, k -> new Object())) {
                status = read(stream, now);
            }
        }
        catch (SQLException | RuntimeException e) {
            close(migrationId);
            status = new SyncStatus(migrationId, stream.state().name(), stream.mode().name(), stream.slotName(), null,
                    null, 0, null, 0, 0, 0, "ok", null, null, 0, 0, "Cannot read the source: " + e.getMessage(), now);
        }
        latest.put(migrationId, status);
        return status;
    }

    private SyncStatus read(SyncStream stream, Instant now) throws SQLException {
        long id = stream.migrationId();
        Connection c = sessions.get(id);
        if (c == null || c.isClosed()) {
            c = SourceSlot.open(connections.source(id), properties.connectTimeout());
            sessions.put(id, c);
        }
        try (PreparedStatement ps = c.prepareStatement(SLOT_QUERY)) {
            ps.setString(1, stream.slotName());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new SyncStatus(id, stream.state().name(), stream.mode().name(), stream.slotName(), null,
                            null, 0, null, 0, 0, 0, "danger", null, null, 0, 0, "The slot " + stream.slotName()
                                    + " is gone from the source: changes are no longer kept for the target",
                            now);
                }
                if (stream.state() == SyncState.DRAINED) {
                    return drained(stream, rs.getString(1), rs.getLong(6), rs.getLong(8), now);
                }
                Optional<ApplierProgress> applier = appliers.progress(id);
                long current = PgOutput.lsn(rs.getString(1));
                long confirmed = rs.getString(2) == null ? 0 : PgOutput.lsn(rs.getString(2));
                long applied = Math.max(confirmed, applier.map(p -> p.appliedLsn).orElse(0L));
                long lag = Math.max(0, current - applied);
                Double seconds = lagSeconds(rs.getObject(7) == null ? null : rs.getDouble(7), lag);
                long retained = rs.getLong(6);
                long database = rs.getLong(8);
                long volume = connections.sourceVolumeBytes(id);
                String[] retention = SlotRetention.judge(retained, volume, database, rs.getString(4));
                long rate = applyRate(id, now, applied);
                return new SyncStatus(id, stream.state().name(), stream.mode().name(), stream.slotName(),
                        rs.getString(1), PgOutput.lsn(applied), lag, seconds, retained, volume, database, retention[0],
                        retention[1], backlog(lag, rate, applier), applier.map(p -> p.transactions).orElse(0L),
                        applier.map(p -> p.changes).orElse(0L), problem(stream, rs.getBoolean(3), applier), now);
            }
        }
    }

    /**
     * After the drain the target holds everything up to the drained position, and what
     * the source writes later is not the target's (the app has moved): no lag, no
     * backlog. The slot still keeps WAL until sync-cleanup drops it, which is worth a
     * warning but no longer a danger to a production database.
     */
    private SyncStatus drained(SyncStream stream, String sourceLsn, long retained, long database, Instant now) {
        long volume = connections.sourceVolumeBytes(stream.migrationId());
        String[] judged = SlotRetention.judge(retained, volume, database, null);
        boolean large = !"ok".equals(judged[0]);
        return new SyncStatus(stream.migrationId(), stream.state().name(), stream.mode().name(), stream.slotName(),
                sourceLsn, stream.drainedLsn(), 0, 0.0, retained, volume, database, large ? "warn" : "ok",
                large ? io.cutover.verify.Sizes.human(retained)
                        + " of WAL kept for the drained stream's slot on the old source: run 'sync-cleanup' to drop it"
                        : null,
                null, 0, 0, null, now);
    }

    /**
     * The server's replay lag; it reports none when idle, which with nothing left to
     * apply means zero.
     */
    private static Double lagSeconds(Double replayLag, long lagBytes) {
        if (replayLag != null) {
            return replayLag;
        }
        return lagBytes == 0 ? Double.valueOf(0) : null;
    }

    /** Bytes per second the applied position advanced over the last samples. */
    private long applyRate(long id, Instant now, long applied) {
        Deque<long[]> h = history.computeIfAbsent(id, k -> new ArrayDeque<>());
        h.addLast(new long[] { now.toEpochMilli(), applied });
        while (h.size() > HISTORY) {
            h.removeFirst();
        }
        long[] first = h.peekFirst();
        long millis = now.toEpochMilli() - first[0];
        return millis <= 0 ? 0 : Math.max(0, (applied - first[1]) * 1000 / millis);
    }

    private SyncStatus.Backlog backlog(long lag, long rate, Optional<ApplierProgress> applier) {
        long txn = applier.map(ApplierProgress::transactionBytes).orElse(0L);
        long txnLeft = applier.map(ApplierProgress::transactionBytesLeft).orElse(0L);
        if (lag < properties.backlogBytes() && txnLeft < properties.backlogBytes()) {
            return null;
        }
        return new SyncStatus.Backlog(lag, rate, rate > 0 ? (double) lag / rate : null, txn, txnLeft);
    }

    private static String problem(SyncStream stream, boolean slotActive, Optional<ApplierProgress> applier) {
        if (stream.state() == SyncState.COPYING || stream.state() == SyncState.DRAINED) {
            return null;
        }
        if (stream.mode() == SyncMode.PANEL) {
            if (applier.isEmpty()) {
                return "The panel's applier is not running";
            }
            if (applier.get().lastError != null) {
                return applier.get().lastError;
            }
        }
        return slotActive ? null : "Nothing is streaming from the slot"
                + (stream.mode() == SyncMode.NATIVE ? ": check the target's subscription and its server log" : "");
    }

    private SyncStatus finished(SyncStream stream, Instant now) {
        return new SyncStatus(stream.migrationId(), stream.state().name(), stream.mode().name(), stream.slotName(),
                null, stream.drainedLsn(), 0, null, 0, 0, 0, "ok", null, null, 0, 0,
                stream.state() == SyncState.FAILED ? stream.lastError() : null, now);
    }

    private void close(long id) {
        Connection c = sessions.remove(id);
        if (c != null) {
            try {
                c.close();
            }
            catch (SQLException ignored) {
                // the session is gone either way
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        sessions.keySet().forEach(this::close);
    }

}
