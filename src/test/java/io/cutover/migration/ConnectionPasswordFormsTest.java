package io.cutover.migration;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.DataPathFixture;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.util.HtmlUtils;

/**
 * A password given in a connection string's other forms — a {@code ?password=} parameter,
 * libpq's keyword/value form — is sealed like the userinfo one: never in H2 in clear, the
 * API, the pages or a running pg_dump's argv; and a malformed string is a 400 naming the
 * field that changes nothing.
 */
@PanelTest
class ConnectionPasswordFormsTest {

    private final String sourcePassword = "Src-" + UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RunApi api;

    DataPathFixture db;

    long migration;

    @BeforeEach
    void migrationWithPasswordsInOtherForms() {
        db = new DataPathFixture(0.01);
        String source = TestDatabases.url(db.source) + "?sslmode=disable&password=" + sourcePassword;
        String target = "host=" + TestDatabases.host() + " port=" + TestDatabases.port() + " dbname=" + db.target
                + " user=" + db.targetRole + " password='" + db.targetPassword + "'";
        migration = api.createMigration("datapath-test",
                "{\"sourceUrl\":\"" + source + "\",\"targetUrl\":\"" + target + "\"}");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void thePasswordsAreSealedInH2AndNeverShown() {
        List<String> stored = jdbc.queryForList(
                "SELECT COALESCE(plain_value, '') || ' ' || COALESCE(sealed_value, '') FROM migration_param",
                String.class);
        String json = RunApi.content(mvc.get().uri("/api/migrations/" + migration).with(as("viewer")).exchange());
        String page = RunApi.content(
                mvc.get().uri("/migrations/" + migration + "/parameters").with(user("admin").roles("ADMIN")).exchange())
                + RunApi.content(mvc.get()
                    .uri("/migrations/" + migration + "/phases/data")
                    .with(user("viewer").roles("VIEWER"))
                    .exchange());

        assertThat(String.join("\n", stored)).doesNotContain(sourcePassword, db.targetPassword);
        assertThat(json).contains(TestDatabases.url(db.source) + "?sslmode=disable\"")
            .contains("postgresql://" + db.targetRole + "@" + TestDatabases.host() + ":" + TestDatabases.port() + "/"
                    + db.target + "\"")
            .doesNotContain(sourcePassword, db.targetPassword);
        assertThat(page).contains(TestDatabases.url(db.source) + "?sslmode=disable")
            .contains("Custom dump")
            .doesNotContain(sourcePassword, db.targetPassword);
    }

    @Test
    void aRunningPgDumpHasNoPasswordInItsArgvAndTheSealedOnesStillConnect() throws Exception {
        assertThat(api.awaitEnd(api.startOk(migration, "preflight-backup")).get("status").asString())
            .isEqualTo("SUCCEEDED");
        try (Connection lock = TestDatabases.connect(db.source); Statement st = lock.createStatement()) {
            // pg_dump waits for this lock, so it is still running when its argv is read
            lock.setAutoCommit(false);
            st.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            long run = api.startOk(migration, "dump-custom");
            Path proc = await().atMost(Duration.ofSeconds(30))
                .until(ConnectionPasswordFormsTest::runningPgDump, Optional::isPresent)
                .orElseThrow();
            String argv = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0',
                    ' ');

            assertThat(argv).contains("--dbname " + TestDatabases.url(db.source) + "?sslmode=disable ")
                .doesNotContain(sourcePassword);
            lock.rollback();
            assertThat(api.awaitEnd(run).get("status").asString()).isEqualTo("SUCCEEDED");
        }
        long test = api.startOk(migration, "connection-test");
        assertThat(api.awaitEnd(test).get("status").asString()).as(() -> api.log(test)).isEqualTo("SUCCEEDED");
    }

    @Test
    void aMalformedConnectionStringIsA400NamingTheFieldAndChangesNothing() {
        String before = parameters();
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("postgres://u@[::1/db", "missing its closing ']'");
        refusals.put("postgres://u@:5432/db", "names no host");
        refusals.put("postgres://u@h:abc/db", "port must be a number from 1 to 65535");
        refusals.put("postgres://u@h:99999/db", "port must be a number from 1 to 65535, not 99999");
        refusals.put("postgres://u@h/db?sslmode=bogus", "sslmode must be one of");
        refusals.forEach((url, message) -> {
            MvcTestResult api = mvc.post()
                .uri("/api/migrations/" + migration + "/parameters")
                .with(as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"targetUrl\":\"" + url + "\"}")
                .exchange();
            MvcTestResult form = mvc.post()
                .uri("/migrations/" + migration + "/parameters")
                .with(user("admin").roles("ADMIN"))
                .with(csrf())
                .param("values[targetUrl]", url)
                .exchange();

            assertThat(api).as(url)
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.fieldErrors.targetUrl")
                .asString()
                .startsWith("Target (direct): ")
                .contains(message);
            assertThat(form).as(url).hasStatus(400);
            assertThat(HtmlUtils.htmlUnescape(RunApi.content(form))).as(url)
                .contains("Target (direct): ")
                .contains(message);
        });
        assertThat(parameters()).isEqualTo(before);
    }

    private String parameters() {
        return RunApi
            .content(mvc.get().uri("/api/migrations/" + migration + "/parameters").with(as("viewer")).exchange());
    }

    private static Optional<Path> runningPgDump() throws Exception {
        try (var children = ProcessHandle.current().descendants()) {
            return children.filter(h -> h.info().command().map(c -> c.endsWith("/pg_dump")).orElse(false))
                .findFirst()
                .map(h -> Path.of("/proc", Long.toString(h.pid())));
        }
    }

}
