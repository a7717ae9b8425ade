package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.NotPostgres;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A failed command says why in words — full disk, broken pipe, unknown host, a port that
 * is not PostgreSQL — not just its exit code.
 */
@PanelTest
class FailureMessagesTest {

    @Autowired
    RunApi api;

    @Test
    void aFullDiskIsNamed() {
        JsonNode run = runOn(TestDatabases.url("postgres"), "disk-full");

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("message").asString()).startsWith("The disk is full (No space left on device)")
            .endsWith("(Exited with code 1 (expected [0]))");
    }

    @Test
    void aBrokenPipeNamesTheReaderThatEndedEarly() {
        JsonNode run = runOn(TestDatabases.url("postgres"), "broken-pipe");

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("message").asString()).startsWith(
                "yes was stopped by a broken pipe (SIGPIPE, exit 141): head, which reads its output, ended before reading it all (exit 0)");
    }

    @Test
    void anUnknownHostIsNamedAsADnsFailure() {
        JsonNode run = runOn("postgres://postgres@no-such-host.invalid:5432/postgres", "schema-dump");

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("message").asString()).startsWith("Host 'no-such-host.invalid' cannot be found (DNS)");
    }

    @Test
    void aPortWhereSomethingElseListensIsNamedAsNotPostgres() throws Exception {
        try (NotPostgres web = new NotPostgres()) {
            JsonNode run = runOn("postgres://postgres@127.0.0.1:" + web.port() + "/postgres", "schema-dump");

            assertThat(run.get("status").asString()).isEqualTo("FAILED");
            assertThat(run.get("message").asString())
                .startsWith("Something answers at 127.0.0.1:" + web.port() + ", but it is not PostgreSQL");
        }
    }

    private JsonNode runOn(String db, String step) {
        long migration = api.createMigration("exec-test", "{\"db\":\"" + db + "\"}");
        return api.awaitEnd(api.startOk(migration, step));
    }

}
