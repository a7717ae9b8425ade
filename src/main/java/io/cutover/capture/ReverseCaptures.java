package io.cutover.capture;

import io.cutover.migration.ExecutionValues;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Parameter;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The capture module's facade: what the cluster has captured since the switch, read live
 * from the cluster.
 */
@Service
public class ReverseCaptures {

    private final MigrationManagement migrations;

    ReverseCaptures(MigrationManagement migrations) {
        this.migrations = migrations;
    }

    /**
     * @param changes captured changes waiting for a rollback, per table
     * @param frozen whether the rollback has frozen the cluster
     */
    public record Captured(boolean installed, long total, Map<String, Long> changes, Instant lastChangeAt,
            boolean frozen) {

        static Captured none() {
            return new Captured(false, 0, Map.of(), null, false);
        }
    }

    /**
     * Unknown migrations are refused (404); a migration without a target connection or
     * capture has nothing captured.
     */
    public Captured captured(long migrationId) throws SQLException {
        migrations.details(migrationId);
        Optional<ExecutionValues.Connection> target = migrations.runbookOf(migrationId)
            .connection(SqlTarget.TARGET)
            .map(Parameter::id)
            .flatMap(id -> migrations.executionValues(migrationId).connection(id));
        if (target.isEmpty()) {
            return Captured.none();
        }
        try (Connection c = PgSession.open(target.get(), Duration.ofSeconds(5),
                Map.of("ApplicationName", "cutover-capture"))) {
            if (!CaptureSchema.installed(c)) {
                return Captured.none();
            }
            Map<String, Long> byTable = new LinkedHashMap<>();
            long total = 0;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT format('%I.%I', table_schema, table_name), count(*)"
                            + " FROM cutover_capture.change GROUP BY 1 ORDER BY 2 DESC, 1")) {
                while (rs.next()) {
                    byTable.put(rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                }
            }
            boolean frozen = CaptureSchema.scalar(c, "SELECT EXISTS (SELECT 1 FROM cutover_capture.frozen)")
                .equals("t");
            Instant lastAt = CaptureSchema.instant(c, "SELECT max(captured_at) FROM cutover_capture.change");
            return new Captured(true, total, byTable, lastAt, frozen);
        }
    }

}
