package io.cutover.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.TestDatabases;
import io.cutover.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The preflight names each missing prerequisite with its fix, and the start refuses to
 * create anything then.
 */
@PanelTest
class SyncPreflightTest {

    @Autowired
    RunApi api;

    @Test
    void aTableWithoutPrimaryKeyIsNamedWithTheFixAndNothingIsCreated() throws Exception {
        try (SyncFixture fixture = new SyncFixture(false)) {
            TestDatabases.execute(fixture.source, "CREATE TABLE page_views (path text, seen_at timestamptz)");
            long migration = api.createMigration("sync-test", fixture.valuesJson());

            long preflight = api.startOk(migration, "sync-preflight");
            JsonNode run = api.awaitEnd(preflight);
            assertThat(run.get("status").asString()).isEqualTo("FAILED");
            assertThat(run.get("message").asString()).contains("public.page_views").contains("primary key");
            assertThat(api.log(preflight)).contains("ALTER TABLE public.page_views REPLICA IDENTITY FULL");

            JsonNode start = api.awaitEnd(api.startOk(migration, "sync-start"));
            assertThat(start.get("status").asString()).isEqualTo("FAILED");
            assertThat(start.get("message").asString()).contains("public.page_views");
            assertThat(fixture.slots()).isEmpty();
            assertThat(fixture.publications()).isEmpty();
        }
    }

    @Test
    void aSourceWithoutLogicalDecodingIsToldToSetWalLevelAndRestart() throws Exception {
        TestPostgres.Server replica = TestPostgres.replica();
        String database = "syncrepl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        replica.execute("postgres", "CREATE DATABASE " + database);
        String target = TestDatabases.create("synctgt");
        try {
            long migration = api.createMigration("sync-test", "{\"sourceUrl\":\"" + replica.url(database)
                    + "\",\"targetUrl\":\"" + TestDatabases.url(target) + "\"}");
            long preflight = api.startOk(migration, "sync-preflight");
            JsonNode run = api.awaitEnd(preflight);
            assertThat(run.get("status").asString()).isEqualTo("FAILED");
            assertThat(run.get("message").asString()).contains("wal_level");
            assertThat(api.log(preflight)).contains("wal_level is 'replica'")
                .contains("ALTER SYSTEM SET wal_level = logical")
                .contains("restart");

            JsonNode start = api.awaitEnd(api.startOk(migration, "sync-start"));
            assertThat(start.get("status").asString()).isEqualTo("FAILED");
            assertThat(start.get("message").asString()).contains("wal_level");
        }
        finally {
            replica.execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            TestDatabases.drop(target);
        }
    }

}
