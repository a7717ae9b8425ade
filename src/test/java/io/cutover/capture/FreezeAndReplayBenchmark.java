package io.cutover.capture;

import io.cutover.TestDatabases;
import io.cutover.freeze.FreezeBenchmarkProbe;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the measurements behind bench/freeze-rollback (run only with -Dbench=true).
 * Prints one table row per measure, median of a few rounds, on the tests' own PostgreSQL
 * server.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class FreezeAndReplayBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 10_000);

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Test
    void measure() throws Exception {
        List<String> table = new ArrayList<>();
        table.addAll(FreezeBenchmarkProbe.measure(ROUNDS));
        table.addAll(replay());
        System.out.println("BENCH | measure | median ms | rounds");
        table.forEach(row -> System.out.println("BENCH | " + row));
    }

    /**
     * 10,000 rows written on the cluster through the capture, then replayed onto Flex.
     */
    private static List<String> replay() throws Exception {
        List<Long> plain = new ArrayList<>();
        List<Long> captured = new ArrayList<>();
        List<Long> replayed = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String role = "bench_fly_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            TestDatabases.execute("postgres", "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOREPLICATION");
            String cluster = TestDatabases.create("bench_mpg");
            String flex = TestDatabases.create("bench_flex");
            String schema = "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL,"
                    + " inserted_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz)";
            try {
                TestDatabases.execute("postgres", "ALTER DATABASE " + cluster + " OWNER TO " + role);
                TestDatabases.execute(cluster, "ALTER SCHEMA public OWNER TO " + role);
                TestDatabases.execute(flex, schema);
                Properties props = new Properties();
                props.setProperty("user", role);
                try (Connection mpg = DriverManager.getConnection(TestDatabases.server().jdbcUrl(cluster), props);
                        Connection src = TestDatabases.connect(flex);
                        Statement st = mpg.createStatement()) {
                    st.execute(schema);
                    String insert = "INSERT INTO users (email, name) SELECT 'u' || i || '-%s@example.com', 'user ' || i FROM generate_series(1, "
                            + ROWS + ") i";
                    long t0 = System.nanoTime();
                    st.execute(insert.formatted("plain"));
                    plain.add(ms(t0));
                    st.execute("TRUNCATE users");
                    CaptureSchema.install(mpg);
                    st.execute("DELETE FROM cutover_capture.change");
                    t0 = System.nanoTime();
                    st.execute(insert.formatted("captured"));
                    captured.add(ms(t0));
                    long[] changes = CaptureSchema.captured(mpg);
                    CaptureSchema.freeze(mpg);
                    t0 = System.nanoTime();
                    ReverseReplay.run(mpg, src, changes[1], line -> {
                    });
                    replayed.add(ms(t0));
                }
            }
            finally {
                TestDatabases.drop(cluster);
                TestDatabases.drop(flex);
                TestDatabases.execute("postgres", "DROP ROLE IF EXISTS " + role);
            }
        }
        return List.of("insert " + ROWS + " rows on the cluster, no capture | " + median(plain) + " | " + ROUNDS,
                "insert " + ROWS + " rows on the cluster, captured | " + median(captured) + " | " + ROUNDS,
                "rollback replay of " + ROWS + " captured inserts onto Flex (+ sequences) | " + median(replayed) + " | "
                        + ROUNDS);
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
