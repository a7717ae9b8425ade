package io.cutover.freeze;

import io.cutover.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The freeze's and the proof's own cost, for bench/freeze-rollback: a source of 30 tables
 * with sequences, 5 writer roles with 4 open sessions each, frozen and proven with and
 * without a decoding slot. Lives here because the freeze's classes are package-private.
 */
public final class FreezeBenchmarkProbe {

    private FreezeBenchmarkProbe() {
    }

    public static List<String> measure(int rounds) throws Exception {
        List<String> rows = new ArrayList<>();
        for (boolean slot : new boolean[] { false, true }) {
            List<Long> freeze = new ArrayList<>();
            List<Long> proof = new ArrayList<>();
            List<Long> unfreeze = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                String db = TestDatabases.create("bench_freeze");
                List<String> roles = new ArrayList<>();
                List<Connection> sessions = new ArrayList<>();
                try {
                    for (int t = 0; t < 30; t++) {
                        TestDatabases.execute(db, "CREATE TABLE t" + t + " (id bigserial PRIMARY KEY, v text)");
                        TestDatabases.execute(db,
                                "INSERT INTO t" + t + " (v) SELECT md5(i::text) FROM generate_series(1, 1000) i");
                    }
                    for (int r = 0; r < 5; r++) {
                        String role = "bench_w" + r + "_" + suffix;
                        roles.add(role);
                        TestDatabases.execute("postgres", "CREATE ROLE " + role + " LOGIN");
                        TestDatabases.execute(db, "GRANT INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + role);
                        for (int s = 0; s < 4; s++) {
                            Properties props = new Properties();
                            props.setProperty("user", role);
                            props.setProperty("ApplicationName", "worker");
                            sessions.add(DriverManager.getConnection(TestDatabases.server().jdbcUrl(db), props));
                        }
                    }
                    Properties panelProps = new Properties();
                    panelProps.setProperty("user", "postgres");
                    panelProps.setProperty("ApplicationName", "cutover-freeze");
                    try (Connection panel = DriverManager.getConnection(TestDatabases.server().jdbcUrl(db),
                            panelProps)) {
                        long t0 = System.nanoTime();
                        SourceFreeze.Frozen frozen = SourceFreeze.apply(panel, slot ? "cutover_freeze_" + suffix : null,
                                "bench", List.of(), line -> {
                                });
                        freeze.add(ms(t0));
                        t0 = System.nanoTime();
                        FreezeProof.Result result = FreezeProof.check(panel, frozen.point(), frozen.slot(),
                                java.util.Set.of());
                        proof.add(ms(t0));
                        if (!result.holds()) {
                            throw new IllegalStateException("the bench's proof failed: " + result.writes());
                        }
                        t0 = System.nanoTime();
                        SourceFreeze.lift(panel, frozen.blocked(), frozen.slot(), line -> {
                        });
                        unfreeze.add(ms(t0));
                    }
                }
                finally {
                    for (Connection c : sessions) {
                        try {
                            c.close();
                        }
                        catch (Exception ignored) {
                            // ended by the freeze
                        }
                    }
                    TestDatabases.drop(db);
                    for (String role : roles) {
                        TestDatabases.execute("postgres", "DROP ROLE IF EXISTS " + role);
                    }
                }
            }
            String how = slot ? "with decoding slot (continuous sync)" : "counters only (full re-dump)";
            rows.add("freeze: 5 roles blocked, 20 sessions ended, 30 tables recorded, " + how + " | " + median(freeze)
                    + " | " + rounds);
            rows.add("proof, " + how + " | " + median(proof) + " | " + rounds);
            rows.add("unfreeze, " + how + " | " + median(unfreeze) + " | " + rounds);
        }
        return rows;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
