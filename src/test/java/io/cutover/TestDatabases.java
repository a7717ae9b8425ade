package io.cutover;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real PostgreSQL databases for tests, on the run's own {@link TestPostgres#logical()}
 * server (user postgres, trust from 127.0.0.1), each with a random name so tests never
 * collide. Drop what you create.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static TestPostgres.Server server() {
        return TestPostgres.logical();
    }

    public static String host() {
        return server().host();
    }

    public static int port() {
        return server().port();
    }

    public static String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return name;
    }

    public static void drop(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** postgres://postgres@127.0.0.1:port/name */
    public static String url(String name) {
        return server().url(name);
    }

    public static Connection connect(String name) throws SQLException {
        return server().connect(name);
    }

    public static void execute(String database, String sql) {
        server().execute(database, sql);
    }

    private static void admin(String sql) {
        execute("postgres", sql);
    }

    /**
     * Exact row counts (count(*), not statistics) of every table in the public schema, by
     * qualified name.
     */
    public static Map<String, Long> exactCounts(String database) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st
                .executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

}
