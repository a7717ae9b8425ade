package io.cutover.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The database that plays the Flex cluster: the sample application's schema and data (or
 * another schema, cutover.sandbox.sample-sql), owned by the application's own role (as on
 * Flex), which logs in with a password.
 */
@Component
@Profile("sandbox")
record SampleSource(SandboxPostgres postgres, SandboxProperties properties, SandboxNames names) {

    private static final Logger log = LoggerFactory.getLogger(SampleSource.class);

    boolean exists() throws SQLException {
        try (Connection c = postgres.connect("postgres");
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, names.sourceDatabase());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Creates the database (if missing) with fresh sample data, and gives the application
     * role a new password. Returns that password: it only lives on in the emulated app's
     * DATABASE_URL.
     */
    String prepare() throws SQLException {
        String role = names.appRole();
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        boolean fresh = !exists();
        if (!fresh && !complete()) {
            rebuildIncomplete();
            fresh = true;
        }
        try (Connection c = postgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DO $$BEGIN CREATE ROLE " + role + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END$$");
            // LOGIN too: a rehearsal stopped between the cutover's freeze and an unfreeze
            // leaves the role blocked.
            st.execute("ALTER ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            st.execute(
                    "DO $$BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cutover_password_auth') THEN GRANT cutover_password_auth TO "
                            + role + "; END IF; END$$");
            if (fresh) {
                st.execute("CREATE DATABASE " + names.sourceDatabase() + " OWNER " + role);
            }
        }
        if (fresh) {
            // One transaction: a load that fails (a full disk, a kill) leaves an empty
            // database, never a half-filled one.
            try (Connection c = postgres.connect(names.sourceDatabase()); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("ALTER SCHEMA public OWNER TO " + role);
                st.execute("SET LOCAL ROLE " + role);
                st.execute(sampleSql(properties.sampleSql(), properties.sampleScale()));
                c.commit();
            }
            log.info("Sandbox: created the Flex stand-in database {} with sample data (scale {})",
                    names.sourceDatabase(), properties.sampleScale());
        }
        return password;
    }

    /**
     * Whether the sample was loaded to the end: the load is one transaction, so the table
     * the app reads having rows means everything before it committed too.
     */
    boolean complete() throws SQLException {
        try (Connection c = postgres.connect(names.sourceDatabase());
                PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "public." + properties.appTable());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (Connection c = postgres.connect(names.sourceDatabase());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM public." + properties.appTable() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Drops a sample database an earlier start left empty or half-filled, so that the
     * rehearsal never runs on it. Only the sandbox's own (owned by the app role): any
     * other is refused.
     */
    private void rebuildIncomplete() throws SQLException {
        String database = names.sourceDatabase();
        try (Connection c = postgres.connect("postgres");
                PreparedStatement ps = c
                    .prepareStatement("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!names.appRole().equals(rs.getString(1))) {
                    throw new IllegalStateException("Database " + database
                            + " exists but holds no complete sample, and it is not the sandbox's (owner "
                            + rs.getString(1) + "): drop it or set cutover.sandbox.source-database to another name");
                }
            }
            log.warn("Sandbox: database {} was left without its complete sample by an earlier start; building it again",
                    database);
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
    }

    static String sampleSql(String location, double scale) {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{scale}}", Double.toString(scale));
        }
        catch (IOException e) {
            throw new IllegalStateException(
                    "The sample SQL " + location + " (cutover.sandbox.sample-sql) cannot be read", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return b;
    }

}
