package io.cutover.emulator;

import java.util.Locale;
import java.util.Optional;

/** The Managed Postgres plans as flyctl lists them. */
enum MpgPlan {
    BASIC("Basic", "Shared-2x", "1GB", 38),
    STARTER("Starter", "Shared-2x", "2GB", 72),
    LAUNCH("Launch", "Performance-2x", "8GB", 282),
    SCALE("Scale", "Performance-4x", "32GB", 962),
    PERFORMANCE("Performance", "Performance-8x", "64GB", 1922);

    final String displayName;
    final String cpu;
    final String memory;
    final int pricePerMonth;

    MpgPlan(String displayName, String cpu, String memory, int pricePerMonth) {
        this.displayName = displayName;
        this.cpu = cpu;
        this.memory = memory;
        this.pricePerMonth = pricePerMonth;
    }

    /** flyctl's key for the plan: the name lower-cased and trimmed. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<MpgPlan> find(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (MpgPlan plan : values()) {
            if (plan.key().equals(key)) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }
}
