package io.cutover.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the stream cannot carry, put right at the drain: materialized views (a REFRESH is
 * not replicated, so the target's still hold the initial copy) and the target's triggers
 * (the panel switched them off while applying; each must end as it is on the source, and
 * is checked).
 */
final class TargetRefresh {

    private static final String USER = "n.nspname NOT IN ('pg_catalog', 'information_schema', '"
            + AppliedPosition.SCHEMA + "')";

    /**
     * In creation order, which is dependency order after a restore: a view built on
     * another comes after it.
     */
    private static final String POPULATED_VIEWS = "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'm' AND c.relispopulated AND " + USER + " ORDER BY c.oid";

    private static final String TRIGGERS = "SELECT format('%I.%I', n.nspname, c.relname), t.tgname, t.tgenabled FROM pg_trigger t"
            + " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND "
            + USER;

    private TargetRefresh() {
    }

    /**
     * Refreshes every materialized view the source has populated, on both sides at once,
     * now that writes have stopped and the target holds the final data: both then hold
     * what the final rows give (the source's own may predate its last writes). A source
     * view the panel may not refresh (not its owner) is named, and the verification
     * compares the two.
     */
    static List<String> materializedViews(Connection source, Connection target, Consumer<String> log) throws Exception {
        List<String> populated = names(source, POPULATED_VIEWS);
        List<String> views = names(target, POPULATED_VIEWS.replace(" AND c.relispopulated", "")).stream()
            .filter(populated::contains)
            .toList();
        java.util.concurrent.CompletableFuture<Void> onSource = java.util.concurrent.CompletableFuture
            .runAsync(() -> refresh(source, views, "source", log));
        refresh(target, views, "target", log);
        onSource.get();
        return views;
    }

    private static void refresh(Connection c, List<String> views, String side, Consumer<String> log) {
        for (String view : views) {
            long started = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("REFRESH MATERIALIZED VIEW " + view);
                log.accept("Refreshed materialized view " + view + " on the " + side + " in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            catch (SQLException e) {
                if (side.equals("target")) {
                    throw new IllegalStateException(
                            "Cannot refresh materialized view " + view + " on the target: " + e.getMessage(), e);
                }
                log.accept("Could not refresh materialized view " + view + " on the source ("
                        + e.getMessage().lines().findFirst().orElse("")
                        + "); the verification compares it with the target's, refreshed from the final data");
            }
        }
    }

    private static List<String> names(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Sets every user trigger of the target to its mode on the source, then reads them
     * again. Returns the triggers still not as on the source (none, unless something
     * keeps switching them).
     */
    static List<String> triggersAsOnSource(Connection source, Connection target, Consumer<String> log)
            throws SQLException {
        Map<String, String> wanted = triggers(source);
        try (Statement st = target.createStatement()) {
            for (var t : triggers(target).entrySet()) {
                String mode = wanted.get(t.getKey());
                if (mode != null && !mode.equals(t.getValue())) {
                    String[] tableAndName = t.getKey().split("\u0000");
                    st.execute("ALTER TABLE " + tableAndName[0] + " " + alter(mode) + " "
                            + SourceSlot.quote(tableAndName[1]));
                    log.accept("Trigger " + shown(t.getKey()) + " was " + state(t.getValue())
                            + " on the target; set to " + state(mode) + " as on the source");
                }
            }
        }
        List<String> off = new ArrayList<>();
        Map<String, String> now = triggers(target);
        wanted.forEach((key, mode) -> {
            if (now.containsKey(key) && !mode.equals(now.get(key))) {
                off.add(shown(key) + " (" + state(now.get(key)) + ", " + state(mode) + " on the source)");
            }
        });
        return off;
    }

    private static Map<String, String> triggers(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TRIGGERS)) {
            while (rs.next()) {
                out.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getString(3));
            }
        }
        return out;
    }

    private static String alter(String mode) {
        return switch (mode) {
            case "D" -> "DISABLE TRIGGER";
            case "A" -> "ENABLE ALWAYS TRIGGER";
            case "R" -> "ENABLE REPLICA TRIGGER";
            default -> "ENABLE TRIGGER";
        };
    }

    private static String state(String mode) {
        return switch (mode) {
            case "D" -> "disabled";
            case "A" -> "always enabled";
            case "R" -> "enabled on replicas only";
            default -> "enabled";
        };
    }

    private static String shown(String key) {
        return key.replace("\u0000", ".");
    }

}
