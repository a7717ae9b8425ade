package io.cutover;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Real PostgreSQL databases for tests, on the local server (127.0.0.1:5432, user postgres,
 * trust auth), each with a random name so parallel runs never collide. Drop what you create.
 */
public final class TestDatabases {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;

    private TestDatabases() {}

    public static String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return name;
    }

    public static void drop(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** postgres://postgres@127.0.0.1:5432/name */
    public static String url(String name) {
        return "postgres://postgres@" + HOST + ":" + PORT + "/" + name;
    }

    public static Connection connect(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, "postgres", "");
    }

    public static void execute(String database, String sql) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void admin(String sql) {
        execute("postgres", sql);
    }
}
