package io.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.NotPostgres;
import io.cutover.TestDatabases;
import io.cutover.migration.ExecutionValues;
import io.cutover.shared.ConnectionUrl;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Verification names a table the target's role may not read; a connection test names a
 * port that is not PostgreSQL.
 */
class UnreadableTableAndForeignPortTest {

    private final Verifier verifier = new Verifier(new VerifyProperties(2, Duration.ofSeconds(5)));

    @Test
    void aTableTheTargetsRoleCannotReadIsReportedNotThrown() throws Exception {
        String source = TestDatabases.create("unreadable_src");
        String target = TestDatabases.create("unreadable_tgt");
        String role = "cutover_noselect_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try {
            for (String db : new String[] { source, target }) {
                TestDatabases.execute(db,
                        "CREATE TABLE secrets (id int PRIMARY KEY, v text); INSERT INTO secrets VALUES (1, 'a');"
                                + " CREATE TABLE open (id int PRIMARY KEY); INSERT INTO open VALUES (1)");
            }
            TestDatabases.execute("postgres", "CREATE ROLE " + role + " LOGIN");
            TestDatabases.execute(target, "GRANT SELECT ON open TO " + role);

            VerificationReport report = verifier.verify(connection("postgres", source), connection(role, target),
                    line -> {
                    });

            assertThat(report.mismatches()).singleElement().satisfies(m -> {
                assertThat(m.object()).isEqualTo("public.secrets");
                assertThat(m.difference())
                    .isEqualTo("cannot be read by the target's role (permission denied for table secrets):"
                            + " grant it SELECT, or verify as a role that can read every table");
                assertThat(m.target()).isEqualTo("unreadable");
                assertThat(m.blocking()).isTrue();
            });
        }
        finally {
            TestDatabases.drop(source);
            TestDatabases.drop(target);
            TestDatabases.execute("postgres", "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aPortWhereAWebServerListensIsNamedAsNotPostgres() throws Exception {
        try (NotPostgres web = new NotPostgres()) {
            ExecutionValues.Connection db = new ExecutionValues.Connection(
                    ConnectionUrl.parse("postgres://postgres@127.0.0.1:" + web.port() + "/postgres").url(),
                    Optional.empty());

            ProbeResult probe = verifier.probe("target", db);

            assertThat(probe.ok()).isFalse();
            assertThat(probe.error())
                .startsWith("Something answers at 127.0.0.1:" + web.port() + ", but it is not PostgreSQL");
        }
    }

    private static ExecutionValues.Connection connection(String user, String database) {
        return new ExecutionValues.Connection(ConnectionUrl
            .parse("postgres://" + user + "@" + TestDatabases.host() + ":" + TestDatabases.port() + "/" + database)
            .url(), Optional.empty());
    }

}
