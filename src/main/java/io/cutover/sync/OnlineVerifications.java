package io.cutover.sync;

import io.cutover.verify.OnlineBaseline;
import io.cutover.verify.TouchedRows;
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

    /**
     * A background pass's proof replaces the entry it started from (unless an online
     * verification replaced that meanwhile), and the record drops what the pass proved,
     * both at once: the verification inside the downtime never sees the one without the
     * other.
     */
    boolean advance(long migrationId, Entry from, OnlineBaseline to, Runnable dropProven) {
        synchronized (from.touched()) {
            if (!entries.replace(migrationId, from, new Entry(to, from.touched()))) {
                return false;
            }
            dropProven.run();
            return true;
        }
    }

    /** The entry with what its record holds now, read together with it. */
    Optional<Proof> proof(long migrationId) {
        Entry entry = entries.get(migrationId);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry.touched()) {
            Entry now = entries.get(migrationId);
            if (now == null || now.touched() != entry.touched()) {
                return Optional.empty();
            }
            return Optional.of(new Proof(now.baseline(), now.touched(), now.touched().snapshot()));
        }
    }

    record Proof(OnlineBaseline baseline, TouchedKeys touched, TouchedRows rows) {
    }

    void forget(long migrationId) {
        entries.remove(migrationId);
    }

}
