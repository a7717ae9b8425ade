package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.TestDatabases;
import io.cutover.shared.PanelProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flex stand-in database on the test run's PostgreSQL server, under names of this
 * test's own.
 */
class SampleSourceTest {

    private static final String ADMIN_URL = TestDatabases.url("postgres");

    @TempDir
    Path dataDir;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private final String database = "sample_src_" + suffix;

    private final String role = "sample_app_" + suffix;

    private SandboxPostgres postgres;

    @AfterEach
    void dropAll() throws Exception {
        if (postgres != null) {
            admin("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "DROP ROLE IF EXISTS " + role);
            postgres.destroy();
        }
    }

    @Test
    void aScaleAbove13Point6LoadsWithoutAnIntegerOverflow() throws Exception {
        source(14).prepare();

        assertThat(count("posts")).isEqualTo(280_000);
        assertThat(count("users")).isEqualTo(70_000);
    }

    @Test
    void aHalfFilledSampleDatabaseFromAFailedStartIsBuiltAgain() throws Exception {
        SampleSource source = source(0.02);
        admin("postgres", "CREATE ROLE " + role + " LOGIN", "CREATE DATABASE " + database + " OWNER " + role);
        admin(database, "CREATE TABLE users (id bigserial PRIMARY KEY)", "ALTER TABLE users OWNER TO " + role);
        assertThat(source.complete()).isFalse();

        source.prepare();

        assertThat(source.complete()).isTrue();
        assertThat(count("audit_log")).isEqualTo(200);
        assertThat(count("posts")).isEqualTo(400);
    }

    @Test
    void anIncompleteDatabaseThatIsNotTheSandboxsIsRefusedAndKept() throws Exception {
        SampleSource source = source(0.02);
        admin("postgres", "CREATE DATABASE " + database);
        admin(database, "CREATE TABLE keep_me (id int)");

        assertThatThrownBy(source::prepare).isInstanceOf(IllegalStateException.class)
            .hasMessage("Database " + database
                    + " exists but holds no complete sample, and it is not the sandbox's (owner postgres): "
                    + "drop it or set cutover.sandbox.source-database to another name");
        assertThat(count("keep_me")).isZero();
    }

    private SampleSource source(double scale) {
        SandboxProperties properties = new SandboxProperties(ADMIN_URL, database, scale, 0, "rehearsal", role,
                "pgbouncer", "classpath:sample/sample-app.sql", "users");
        PanelProperties panel = new PanelProperties(dataDir, true);
        postgres = new SandboxPostgres(properties, panel, (dir, settings) -> {
            throw new AssertionError("the test server answers, so nothing embedded starts");
        });
        return new SampleSource(postgres, properties, new SandboxNames(properties, panel));
    }

    private long count(String table) throws SQLException {
        try (Connection c = postgres.connect(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void admin(String db, String... statements) throws SQLException {
        try (Connection c = postgres.connect(db); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

}
