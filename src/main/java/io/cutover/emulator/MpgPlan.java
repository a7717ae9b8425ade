package io.cutover.emulator;

import java.util.Locale;
import java.util.Map;

/**
 * A Managed Postgres plan from the contract's table, looked up as flyctl @ad0172fac looks
 * it up: trimmed and lower-cased, so the {@code Performance} key is never found, and
 * whatever is not found becomes {@code basic} when flyctl cannot prompt (contract 2.20).
 */
record MpgPlan(String key, String displayName, String cpu, String memory, int pricePerMonth) {

    static MpgPlan resolve(String requested) {
        Map<String, Map<String, String>> plans = FlyContract.get().mpgPlans();
        String key = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        if (!plans.containsKey(key)) {
            key = "basic";
        }
        Map<String, String> plan = plans.get(key);
        return new MpgPlan(key, plan.get("name"), plan.get("cpu"), plan.get("memory"),
                Integer.parseInt(plan.get("price")));
    }
}
