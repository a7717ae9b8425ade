package io.cutover.emulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The local PostgreSQL server that stands in for Fly's database machines, reached through
 * its admin URL ({@code CUTOVER_EMULATOR_PG}). Every emulated database and role lives on
 * it.
 */
final class LocalPostgres {

    static final String DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

    /**
     * Members of this group must log in with a password (pg_hba); trust applies to
     * everyone else.
     */
    static final String PASSWORD_AUTH_GROUP = "cutover_password_auth";

    private final PostgresUrl admin;

    LocalPostgres(String adminUrl) {
        this.admin = PostgresUrl.parse(adminUrl == null || adminUrl.isBlank() ? DEFAULT_ADMIN_URL : adminUrl);
    }

    PostgresUrl admin() {
        return admin;
    }

    String serverHost() {
        return admin.connectHost();
    }

    int serverPort() {
        return admin.port();
    }

    Connection connect(String database) throws SQLException {
        PostgresUrl target = admin.withDatabase(database);
        return DriverManager.getConnection(target.jdbcUrl(), target.jdbcProperties());
    }

    /**
     * Runs statements in order on {@code database}, each in autocommit (CREATE DATABASE
     * needs that).
     */
    void execute(String database, String... statements) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        catch (SQLException e) {
            throw new FlyError(e.getMessage(), e);
        }
    }

    /** The first column of every row of {@code sql}. */
    List<String> column(String database, String sql) {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
        catch (SQLException e) {
            throw new FlyError(e.getMessage(), e);
        }
    }

    boolean databaseExists(String name) {
        return !column(admin.database(), "SELECT 1 FROM pg_database WHERE datname = " + literal(name)).isEmpty();
    }

    boolean roleExists(String name) {
        return !column(admin.database(), "SELECT 1 FROM pg_roles WHERE rolname = " + literal(name)).isEmpty();
    }

    void dropDatabase(String name) {
        execute(admin.database(), "DROP DATABASE IF EXISTS " + ident(name) + " WITH (FORCE)");
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

}
