package io.cutover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

/**
 * A source database holding the sample application, and an empty target database owned by
 * a password-protected, non-superuser role — what a managed cluster's fly-user is.
 */
public final class DataPathFixture implements AutoCloseable {

    /**
     * Roles in this group must authenticate with a password (the test server's pg_hba).
     */
    public static final String PASSWORD_GROUP = TestPostgres.PASSWORD_GROUP;

    public final String source;

    public final String target;

    public final String targetRole;

    public final String targetPassword;

    public DataPathFixture(double scale) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.source = TestDatabases.create("src");
        this.targetRole = "cutover_fly_" + suffix;
        this.targetPassword = "Pw-" + UUID.randomUUID();
        TestDatabases.execute("postgres", "CREATE ROLE " + targetRole + " LOGIN CREATEDB PASSWORD '" + targetPassword
                + "' IN ROLE " + PASSWORD_GROUP);
        this.target = "tgt_" + suffix;
        TestDatabases.execute("postgres", "CREATE DATABASE " + target + " OWNER " + targetRole);
        TestDatabases.execute(target, "ALTER SCHEMA public OWNER TO " + targetRole);
        TestDatabases.execute(source, sampleSql(scale));
    }

    public String sourceUrl() {
        return TestDatabases.url(source);
    }

    /** The target with its password, as an admin types it into the migration. */
    public String targetUrl() {
        return "postgres://" + targetRole + ":" + targetPassword + "@" + TestDatabases.host() + ":"
                + TestDatabases.port() + "/" + target;
    }

    public String targetUrlWithPassword(String password) {
        return "postgres://" + targetRole + ":" + password + "@" + TestDatabases.host() + ":" + TestDatabases.port()
                + "/" + target;
    }

    /**
     * Whether the server really checks this role's password (else wrong-password tests
     * prove nothing).
     */
    public boolean passwordsEnforced() {
        Properties p = new Properties();
        p.setProperty("user", targetRole);
        p.setProperty("password", "certainly-wrong");
        try (Connection ignored = DriverManager.getConnection(
                "jdbc:postgresql://" + TestDatabases.host() + ":" + TestDatabases.port() + "/" + target, p)) {
            return false;
        }
        catch (SQLException e) {
            return "28P01".equals(e.getSQLState());
        }
    }

    public static String sampleSql(double scale) {
        try (InputStream in = DataPathFixture.class.getResourceAsStream("/sample/sample-app.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{scale}}", Double.toString(scale));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        TestDatabases.drop(source);
        TestDatabases.drop(target);
        TestDatabases.execute("postgres", "DROP ROLE IF EXISTS " + targetRole);
    }

}
