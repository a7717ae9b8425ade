package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cutover.OptionalTool;
import io.cutover.emulator.EmulatorFixture.Result;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class MpgClusterTest {

    @TempDir
    Path home;

    private EmulatorFixture fly;

    private String clusterId;

    private String pooledUrl;

    @BeforeEach
    void createCluster() {
        fly = new EmulatorFixture(home);
        Result created = fly.run("mpg", "create", "--name", "blockster-mpg", "--region", "ord", "--plan", "Launch",
                "--volume-size", "20", "--pg-major-version", "17", "--org", "personal");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out())
            .startsWith("Selected Plan: Launch\n  CPU: Performance x 2\n  Memory: 8 GB\n  Price: $282 per month\n\n")
            .contains("Managed Postgres cluster created successfully!")
            .contains("  Plan: launch\n  Disk: 20GB\n");
        clusterId = created.group("^\\s*ID:\\s*(\\S+)");
        pooledUrl = created.group("Connection string:\\s*(\\S+)");
    }

    @AfterEach
    void cleanUp() throws Exception {
        fly.close();
    }

    @Test
    void printsAConnectionStringToThePoolerInFrontOfARealDatabase() throws Exception {
        assertThat(clusterId).matches("[a-z0-9]{16}");
        assertThat(pooledUrl).matches("postgresql://fly-user-" + clusterId + ":[A-Za-z0-9]{24}@pgbouncer\\." + clusterId
                + "\\.flympg\\.localhost:\\d+/fly-db-" + clusterId);
        try (Connection connection = EmulatorFixture.connect(pooledUrl)) {
            connection.setAutoCommit(false);
            assertThat(single(connection, "SELECT 1")).isEqualTo("1");
            assertThat(single(connection, "SELECT current_database()")).isEqualTo("fly-db-" + clusterId);
            assertThat(single(connection, "SELECT current_user")).isEqualTo("fly-user-" + clusterId);
            connection.commit();
        }
        int port = PostgresUrl.parse(pooledUrl).port();
        assertThat(port).isNotEqualTo(EmulatorFixture.SERVER.port());
        assertThat(single(EmulatorFixture.connect(EmulatorFixture.ADMIN_URL),
                "SELECT count(*) FROM pg_roles WHERE rolname = 'fly-user-" + clusterId
                        + "' AND rolcanlogin AND NOT rolsuper"))
            .isEqualTo("1");
    }

    @Test
    void poolerStartsInSessionModeLikeMpgAndNeedsNoPgBouncer() throws Exception {
        assertThat(EmulatedFly.clusters(home)).singleElement().satisfies(c -> {
            assertThat(c.poolMode()).isEqualTo("session");
            assertThat(c.pgbouncerRunning()).as("the session pooler answers").isTrue();
        });
        try (Connection first = EmulatorFixture.connect(pooledUrl);
                Connection second = EmulatorFixture.connect(pooledUrl)) {
            String firstBackend = single(first, "SELECT pg_backend_pid()");
            second.setAutoCommit(false);
            assertThat(single(second, "SELECT pg_backend_pid()")).isNotEqualTo(firstBackend);
            // A session's prepared statement stays with its client, whatever the other
            // client holds.
            execute(first, "PREPARE emulator_probe AS SELECT 1");
            assertThat(single(first, "EXECUTE emulator_probe")).isEqualTo("1");
            assertThat(single(first, "SELECT pg_backend_pid()")).isEqualTo(firstBackend);
            second.rollback();
        }
    }

    @Test
    void dashboardSwitchToTransactionModePoolsByTransactionOnPgBouncer() throws Exception {
        OptionalTool.PGBOUNCER.require("MpgClusterTest's transaction pool mode");
        EmulatedFly.switchPoolMode(home, EmulatorFixture.ADMIN_URL, clusterId, "transaction",
                OptionalTool.find("pgbouncer"));

        assertThat(EmulatedFly.clusters(home)).singleElement()
            .extracting(EmulatedFly.ClusterView::poolMode)
            .isEqualTo("transaction");
        try (Connection first = EmulatorFixture.connect(pooledUrl);
                Connection second = EmulatorFixture.connect(pooledUrl)) {
            // With session pooling the first client would keep its server connection;
            // here it goes back to the pool.
            String firstBackend = single(first, "SELECT pg_backend_pid()");
            assertThat(single(second, "SELECT pg_backend_pid()")).isEqualTo(firstBackend);

            execute(first, "PREPARE emulator_probe AS SELECT 1");
            second.setAutoCommit(false);
            assertThat(single(second, "SELECT pg_backend_pid()")).isEqualTo(firstBackend);
            // The second client's open transaction holds the server connection the
            // statement was prepared on.
            assertThatThrownBy(() -> execute(first, "EXECUTE emulator_probe")).isInstanceOf(SQLException.class)
                .hasMessageContaining("emulator_probe")
                .hasMessageContaining("does not exist");
            second.rollback();
        }
        // PgBouncer learns users made after the switch.
        String username = "late_" + clusterId;
        fly.run("mpg", "users", "create", clusterId, "--username", username, "--role", "reader");
        // flyctl prints no password (contract 2.29); the emulated platform knows it.
        String password = new StateStore(home).read().cluster(clusterId).extraUsers.get(0).password;
        PostgresUrl pooled = PostgresUrl.parse(pooledUrl);
        try (Connection reader = EmulatorFixture.connect("postgresql://" + username + ":" + password + "@"
                + pooled.host() + ":" + pooled.port() + "/" + pooled.database())) {
            assertThat(single(reader, "SELECT current_user")).isEqualTo(username);
        }
    }

    @Test
    void transactionModeWithoutPgBouncerIsRefusedNamingThePackage() throws Exception {
        assertThatThrownBy(() -> EmulatedFly.switchPoolMode(home, EmulatorFixture.ADMIN_URL, clusterId, "transaction",
                Optional.empty()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage(EmulatedFly.NEEDS_PGBOUNCER);

        assertThat(EmulatedFly.clusters(home)).singleElement().satisfies(c -> {
            assertThat(c.poolMode()).isEqualTo("session");
            assertThat(c.pgbouncerRunning()).as("the session pooler still answers").isTrue();
        });
        try (Connection connection = EmulatorFixture.connect(pooledUrl)) {
            assertThat(single(connection, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void directAddressIsTheServerItselfAndNeedsThePassword() throws Exception {
        PostgresUrl pooled = PostgresUrl.parse(pooledUrl);
        String direct = "postgresql://" + pooled.user() + ":" + pooled.password() + "@direct." + clusterId
                + ".flympg.localhost:" + EmulatorFixture.SERVER.port() + "/" + pooled.database();
        try (Connection connection = EmulatorFixture.connect(direct);
                Connection viaPool = EmulatorFixture.connect(pooledUrl)) {
            execute(connection, "CREATE TABLE direct_probe (id int)");
            assertThat(single(viaPool, "SELECT count(*) FROM direct_probe")).isEqualTo("0");
            assertThat(single(connection, "SELECT inet_server_port()"))
                .isEqualTo(String.valueOf(EmulatorFixture.SERVER.port()));
        }
        String wrongPassword = direct.replace(pooled.password(), "not-the-password");
        assertThatThrownBy(() -> EmulatorFixture.connect(wrongPassword).close()).isInstanceOf(SQLException.class)
            .hasMessageContaining("password authentication failed");
    }

    @Test
    void statusAndListDescribeTheCluster() {
        Result json = fly.run("mpg", "status", clusterId, "--json");
        Result human = fly.run("mpg", "status", clusterId);
        Result list = fly.run("mpg", "list", "--org", "personal");

        JsonNode status = StateStore.JSON.readTree(json.out());
        assertThat(status.at("/data/id").asString()).isEqualTo(clusterId);
        assertThat(status.at("/data/status").asString()).isEqualTo("ready");
        assertThat(status.at("/data/ip_assignments/direct").asString()).isEqualTo("::1");
        assertThat(status.at("/credentials/pgbouncer_uri").asString()).isEqualTo(pooledUrl);
        assertThat(status.at("/credentials/password").asString()).isEqualTo(PostgresUrl.parse(pooledUrl).password());
        assertThat(status.at("/credentials/dbname").asString()).isEqualTo("fly-db-" + clusterId);
        assertThat(human.out()).startsWith("Cluster Status\n")
            .containsPattern("ID\\s+= " + clusterId)
            .containsPattern("Status\\s+= ready")
            .doesNotContain(PostgresUrl.parse(pooledUrl).password());
        assertThat(list.out()).containsPattern(
                clusterId + "\\s+blockster-mpg\\s+personal\\s+ord\\s+ready\\s+launch\\s+<no attached apps>");
        assertThat(fly.run("mpg", "status", "nosuchcluster").err())
            .isEqualTo("Error: managed postgres cluster \"nosuchcluster\" not found\n");
    }

    @Test
    void refusesUnsupportedMajorVersionsAndCreatesNothing() {
        Result result = fly.run("mpg", "create", "--name", "old", "--region", "ord", "--plan", "basic",
                "--pg-major-version", "15", "--org", "personal");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
            .isEqualTo("Error: invalid Postgres major version: 15. Supported versions are 16 and 17\n");
        assertThat(EmulatedFly.clusters(home)).hasSize(1);
    }

    @Test
    void anUnknownPlanAndPerformanceSilentlyBecomeBasicAsInFlyctl() {
        Result unknown = fly.run("mpg", "create", "--name", "typo", "--region", "ord", "--plan", "lunch");
        Result performance = fly.run("mpg", "create", "--name", "big", "--region", "ord", "--plan", "performance");
        Result noPlan = fly.run("mpg", "create", "--name", "default", "--region", "ord");

        for (Result basic : java.util.List.of(unknown, performance, noPlan)) {
            assertThat(basic.exit()).isZero();
            assertThat(basic.out())
                .startsWith("Selected Plan: Basic\n  CPU: Shared x 2\n  Memory: 1 GB\n  Price: $38 per month\n")
                .contains("  Plan: basic\n");
        }
        assertThat(EmulatedFly.clusters(home)).hasSize(4);
    }

    @Test
    void backupsAreQueuedAndRestoreCreatesANewClusterLeavingTheSourceAsItIs() throws Exception {
        try (Connection connection = EmulatorFixture.connect(pooledUrl)) {
            execute(connection, "CREATE TABLE posts (id int PRIMARY KEY)");
            execute(connection, "INSERT INTO posts SELECT generate_series(1, 7)");
        }
        Result backup = fly.run("mpg", "backup", "create", clusterId);
        assertThat(backup.out())
            .isEqualTo("Creating full backup for cluster " + clusterId + "...\nBackup queued successfully!\n");
        assertThat(fly.run("mpg", "backup", "list", clusterId, "--json").out()).contains("\"status\": \"running\"");
        Result completed = await().atMost(Duration.ofSeconds(10))
            .until(() -> fly.run("mpg", "backup", "list", clusterId, "--json"),
                    r -> r.out().contains("\"status\": \"completed\""));
        String backupId = completed.group("\"id\": \"(\\w+)\"");
        assertThat(StateStore.JSON.readTree(completed.out()).get(0).propertyNames()).containsExactly("id", "status",
                "type", "start", "stop");
        try (Connection connection = EmulatorFixture.connect(pooledUrl)) {
            execute(connection, "DELETE FROM posts");
        }

        Result restored = fly.run("mpg", "restore", clusterId, "--backup-id", backupId);

        assertThat(restored.exit()).as(restored.err()).isZero();
        String newId = restored.group("  Cluster ID: (\\S+)");
        assertThat(newId).isNotEqualTo(clusterId);
        assertThat(restored.out()).contains("  Cluster Name: blockster-mpg-restore-");
        EmulatedFly.ClusterView copy = EmulatedFly.clusters(home)
            .stream()
            .filter(c -> c.id().equals(newId))
            .findFirst()
            .orElseThrow();
        assertThat(copy.pooledUrl()).contains("pgbouncer." + newId + ".").isNotEqualTo(pooledUrl);
        try (Connection source = EmulatorFixture.connect(pooledUrl);
                Connection target = EmulatorFixture.connect(copy.pooledUrl())) {
            assertThat(single(source, "SELECT count(*) FROM posts")).isEqualTo("0");
            assertThat(single(target, "SELECT count(*) FROM posts")).isEqualTo("7");
        }
    }

    @Test
    void extraUsersAndDatabasesAreRealAndReachableThroughThePooler() throws Exception {
        try (Connection owner = EmulatorFixture.connect(pooledUrl)) {
            execute(owner, "CREATE TABLE posts (id int)");
        }
        String username = "reporting_" + clusterId;
        Result user = fly.run("mpg", "users", "create", clusterId, "--username", username, "--role", "reader");
        Result database = fly.run("mpg", "databases", "create", clusterId, "--name", "emu_extra_" + clusterId);
        // flyctl prints no password (contract 2.29); the emulated platform knows it.
        assertThat(user.out()).isEqualTo("Creating user " + username + " with role reader in cluster " + clusterId
                + "...\nUser created successfully!\n  Name: " + username + "\n  Role: reader\n");
        String password = new StateStore(home).read().cluster(clusterId).extraUsers.get(0).password;
        PostgresUrl pooled = PostgresUrl.parse(pooledUrl);
        String readerUrl = "postgresql://" + username + ":" + password + "@" + pooled.host() + ":" + pooled.port() + "/"
                + pooled.database();

        assertThat(database.exit()).as(database.err()).isZero();
        try (Connection reader = EmulatorFixture.connect(readerUrl)) {
            assertThat(single(reader, "SELECT count(*) FROM posts")).isEqualTo("0");
            assertThatThrownBy(() -> execute(reader, "INSERT INTO posts VALUES (1)"))
                .hasMessageContaining("permission denied");
        }
        try (Connection extra = EmulatorFixture.connect(pooledUrl.replaceFirst("/[^/]+$", "/emu_extra_" + clusterId))) {
            assertThat(single(extra, "SELECT current_database()")).isEqualTo("emu_extra_" + clusterId);
        }
    }

    @Test
    void destroyRemovesDatabaseRoleAndPooler() throws Exception {
        MpgCluster cluster = new StateStore(home).read().cluster(clusterId);
        assertThat(Pooler.process(cluster)).isPresent();

        Result refused = fly.run("mpg", "destroy", clusterId);
        Result destroyed = fly.run("mpg", "destroy", clusterId, "--yes");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(destroyed.exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> Pooler.process(cluster).isEmpty());
        assertThatThrownBy(() -> EmulatorFixture.connect(pooledUrl).close()).isInstanceOf(SQLException.class)
            .hasMessageContaining("Connection");
        assertThat(EmulatorFixture.exists("SELECT 1 FROM pg_database WHERE datname = 'fly-db-" + clusterId + "'"))
            .isFalse();
        assertThat(EmulatorFixture.exists("SELECT 1 FROM pg_roles WHERE rolname = 'fly-user-" + clusterId + "'"))
            .isFalse();
        assertThat(fly.run("mpg", "list", "--org", "personal").out()).startsWith("No managed postgres clusters found");
    }

    @Test
    void reviveRestartsThePoolerOnTheSamePortAfterShutdown() throws Exception {
        EmulatedFly.shutdown(home);
        assertThat(EmulatedFly.clusters(home)).singleElement()
            .extracting(EmulatedFly.ClusterView::pgbouncerRunning)
            .isEqualTo(false);
        assertThatThrownBy(() -> EmulatorFixture.connect(pooledUrl).close()).isInstanceOf(SQLException.class);

        assertThat(EmulatedFly.revive(home, EmulatorFixture.ADMIN_URL, Optional.empty())).containsExactly(clusterId);

        try (Connection connection = EmulatorFixture.connect(pooledUrl)) {
            assertThat(single(connection, "SELECT current_database()")).isEqualTo("fly-db-" + clusterId);
        }
        assertThat(EmulatedFly.revive(home, EmulatorFixture.ADMIN_URL, Optional.empty())).isEmpty();
    }

    static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
