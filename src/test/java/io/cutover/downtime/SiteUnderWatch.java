package io.cutover.downtime;

import static org.mockito.BDDMockito.given;

import com.sun.net.httpserver.HttpServer;
import io.cutover.migration.MigrationDetails;
import io.cutover.migration.MigrationManagement;
import io.cutover.migration.ParameterView;
import io.cutover.runbook.ParameterType;
import io.cutover.runbook.TestRunbooks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What the downtime module's tests watch: a migration of the seed runbook (a row, and the
 * migration module's answers mocked) whose site URL is a local server answering 200.
 */
abstract class SiteUnderWatch {

    @Autowired
    DowntimeClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @MockitoBean
    MigrationManagement migrations;

    HttpServer site;

    long migration;

    @BeforeEach
    void aMigrationOfTheSeedWhoseSiteAnswers200() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        site.start();
        migration = new SimpleJdbcInsert(jdbc).withTableName("migration")
            .usingGeneratedKeyColumns("id")
            .executeAndReturnKey(
                    Map.of("name", "m-" + System.nanoTime(), "runbook_id", "flex-to-mpg", "runbook_version", 1,
                            "created_by", "admin", "created_at", Timestamp.from(Instant.now()), "version", 0))
            .longValue();
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        given(migrations.runbookOf(migration)).willReturn(TestRunbooks.seed());
        given(migrations.details(migration))
            .willReturn(new MigrationDetails(migration, "m", "flex-to-mpg", 1, "admin", Instant.now(),
                    List.of(new ParameterView("siteUrl", "Site URL", ParameterType.URL, url, false, false, ""))));
    }

    @AfterEach
    void stopSite() {
        site.stop(0);
    }

}
