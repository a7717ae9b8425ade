package io.cutover.sync;

import io.cutover.verify.OnlineBaseline;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each migration's last online verification, with the record of touched keys it counts
 * on. Held in memory like that record: after a panel restart neither is there, and the
 * verification inside the downtime reads everything again.
 */
@Component
class OnlineVerifications {

    record Entry(OnlineBaseline baseline, TouchedKeys touched) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    void put(long migrationId, OnlineBaseline baseline, TouchedKeys touched) {
        entries.put(migrationId, new Entry(baseline, touched));
    }

    Optional<Entry> get(long migrationId) {
        return Optional.ofNullable(entries.get(migrationId));
    }

    void forget(long migrationId) {
        entries.remove(migrationId);
    }

}
