package io.cutover.emulator;

import io.cutover.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A temporary emulator home on the run's own PostgreSQL test server. It runs the emulator
 * in-process and, on close, destroys every cluster (PgBouncer included) and every
 * database it created.
 */
final class EmulatorFixture implements AutoCloseable {

    /**
     * The run's own test server (wal_level = logical, passwords for MPG's users), started
     * on first use.
     */
    static final TestPostgres.Server SERVER = TestPostgres.logical();
    static final String ADMIN_URL = SERVER.url("postgres");

    final Path home;

    final Map<String, String> env = new HashMap<>();

    private final List<String> databases = new ArrayList<>();

    EmulatorFixture(Path home) {
        this.home = home;
        env.put("CUTOVER_EMULATOR_HOME", home.toString());
        env.put("CUTOVER_EMULATOR_PG", ADMIN_URL);
        env.put("CUTOVER_EMULATOR_QUEUE_SECONDS", "1");
        env.put("FLY_API_TOKEN", EmulatedFly.issueToken(home, "personal", null));
    }

    record Result(int exit, String out, String err) {

        String group(String regex) {
            Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
            if (!matcher.find()) {
                throw new AssertionError("no match for " + regex + " in:\n" + out + err);
            }
            return matcher.group(1);
        }
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return run(env, stdin, args);
    }

    /**
     * A run with no emulator home and no token: what flyctl says before it reads any
     * state (parsing).
     */
    static Result runStateless(List<String> args) {
        return run(Map.of(), "", args.toArray(String[]::new));
    }

    static Result run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = FlyctlEmulator.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A fresh database on the test server with a {@code users} table of {@code users}
     * rows.
     */
    String createFlexDatabase(int users) throws SQLException {
        String name = "emu_flex_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        databases.add(name);
        admin("postgres", "CREATE DATABASE " + name);
        admin(name, "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)",
                "INSERT INTO users (email) SELECT 'user' || g || '@example.com' FROM generate_series(1, " + users
                        + ") g");
        return name;
    }

    /** Seeds the two starting apps around {@code flexDatabase}. */
    SeedApps seed(String flexDatabase, int appMachines) {
        SeedApps seed = new SeedApps("personal", "ord", "flex-" + flexDatabase.substring(9), "d894ed5a696d58",
                "vol_r63zzmp36e21j51r", flexDatabase,
                "postgres://postgres:unused@" + SERVER.host() + ":" + SERVER.port() + "/" + flexDatabase,
                "app-" + flexDatabase.substring(9), appMachines);
        EmulatedFly.seed(home, seed);
        return seed;
    }

    static Connection connect(String url) throws SQLException {
        PostgresUrl parsed = PostgresUrl.parse(url);
        return DriverManager.getConnection(parsed.jdbcUrl(), parsed.jdbcProperties());
    }

    static void admin(String database, String... statements) throws SQLException {
        try (Connection connection = connect(SERVER.url(database));
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static boolean exists(String catalogQuery) throws SQLException {
        try (Connection connection = connect(ADMIN_URL);
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(catalogQuery)) {
            return rows.next();
        }
    }

    @Override
    public void close() throws SQLException {
        LocalPostgres pg = new LocalPostgres(ADMIN_URL);
        for (MpgCluster cluster : new StateStore(home).read().clusters.values()) {
            MpgProvisioner.destroy(home, pg, cluster);
        }
        for (String database : databases) {
            pg.dropDatabase(database);
        }
    }

}
