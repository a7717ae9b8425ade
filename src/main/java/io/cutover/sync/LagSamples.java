package io.cutover.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The recent lag of each live stream, for the sync panel's chart: a bounded ring per
 * migration, fed by the lag monitor's timer (one sample per interval, however many pages
 * watch) and trimmed to the chart's window.
 */
@Component
class LagSamples {

    /** Hard bound of a ring, whatever the window and sample interval say. */
    static final int MAX_SAMPLES = 3600;

    private static final Set<String> CHARTED = Set.of("COPYING", "STREAMING", "DRAINED");

    /**
     * @param lagSeconds the server's replay lag, when it measures one
     */
    record Sample(Instant at, long lagBytes, Double lagSeconds) {
    }

    private final Duration window;

    private final int capacity;

    private final Map<Long, Deque<Sample>> rings = new ConcurrentHashMap<>();

    LagSamples(SyncProperties properties) {
        this.window = properties.lagChartWindow();
        long perWindow = window.toMillis() / Math.max(1, properties.sampleInterval().toMillis()) + 1;
        this.capacity = (int) Math.max(2, Math.min(MAX_SAMPLES, perWindow));
    }

    /** Keeps a sample of a stream that has a lag to show; other states are ignored. */
    void record(SyncStatus status) {
        if (!CHARTED.contains(status.state())) {
            return;
        }
        Deque<Sample> ring = rings.computeIfAbsent(status.migrationId(), id -> new ArrayDeque<>());
        synchronized (ring) {
            ring.addLast(new Sample(status.sampledAt(), status.lagBytes(), status.lagSeconds()));
            Instant oldest = status.sampledAt().minus(window);
            while (ring.size() > capacity || ring.peekFirst().at().isBefore(oldest)) {
                ring.removeFirst();
            }
        }
    }

    List<Sample> of(long migrationId) {
        Deque<Sample> ring = rings.get(migrationId);
        if (ring == null) {
            return List.of();
        }
        synchronized (ring) {
            return List.copyOf(ring);
        }
    }

    /** The stream has ended: its chart goes with it. */
    void forget(long migrationId) {
        rings.remove(migrationId);
    }

    /**
     * The chart ends at the status the page shows beside it (a fresh sample), so its last
     * point and the lag in words always agree; that sample is drawn, not kept.
     */
    LagChart chart(long migrationId, SyncStatus shown) {
        List<Sample> samples = of(migrationId);
        boolean newer = samples.isEmpty() || shown.sampledAt().isAfter(samples.get(samples.size() - 1).at());
        if (CHARTED.contains(shown.state()) && newer) {
            samples = java.util.stream.Stream
                .concat(samples.stream(),
                        java.util.stream.Stream.of(new Sample(shown.sampledAt(), shown.lagBytes(), shown.lagSeconds())))
                .toList();
        }
        return LagChart.of(samples, window);
    }

    int capacity() {
        return capacity;
    }

}
