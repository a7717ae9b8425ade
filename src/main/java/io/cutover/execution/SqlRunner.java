package io.cutover.execution;

import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.Template;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a SQL step over JDBC against the source or the target, with a statement timeout; the rows
 * become lines in the log and a table on the run page.
 */
@Component
class SqlRunner {

    private final ExecutionProperties properties;
    private final JsonMapper json;

    SqlRunner(ExecutionProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    Outcome run(RunContext ctx) {
        ExecutionValues.Connection target = ctx.connection(ctx.step.target()).orElseThrow(() -> new StepFailure(
                "The " + ctx.step.target().name().toLowerCase() + " connection is not set; set it on the Parameters page"));
        String sql = Template.render(ctx.step.sql(), ctx.runValues::forArgv).strip();
        ctx.log.system("SQL on " + ctx.step.target().name().toLowerCase() + " (" + target.url().withoutPassword() + "):");
        sql.lines().forEach(l -> ctx.log.system("  " + l));
        try (Connection c = open(target); Statement st = c.createStatement()) {
            ctx.onCancel(() -> cancelQuietly(st));
            st.execute("SET statement_timeout = " + properties.sqlStatementTimeout().toMillis());
            st.setMaxRows(properties.sqlMaxRows() + 1);
            boolean hasRows = st.execute(sql);
            String result = hasRows ? table(ctx, st.getResultSet()) : null;
            if (!hasRows) {
                ctx.log.out(st.getUpdateCount() >= 0 ? st.getUpdateCount() + " rows affected" : "OK");
            }
            return new Outcome(RunStatus.SUCCEEDED, null, "Query finished", result);
        } catch (SQLException e) {
            if (ctx.cancelled()) {
                return new Outcome(RunStatus.CANCELLED, null, "Cancelled by " + ctx.cancelledBy(), null);
            }
            ctx.log.err(e.getMessage());
            return new Outcome(RunStatus.FAILED, null, "The query failed: " + firstLine(e.getMessage()), null);
        }
    }

    /** A JDBC connection with the password given to the driver, never in a URL that could be logged. */
    static Connection open(ExecutionValues.Connection target) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.url().user());
        target.password().ifPresent(pw -> props.setProperty("password", pw));
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "cutover");
        return DriverManager.getConnection(target.url().jdbcUrl(), props);
    }

    private String table(RunContext ctx, ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == properties.sqlMaxRows()) {
                truncated = true;
                break;
            }
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        ctx.log.out(String.join(" | ", columns));
        rows.forEach(r -> ctx.log.out(String.join(" | ", r.stream().map(v -> v == null ? "NULL" : v).toList())));
        ctx.log.out("(" + rows.size() + (truncated ? "+" : "") + " row" + (rows.size() == 1 ? "" : "s") + ")");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("columns", columns);
        result.put("rows", rows);
        result.put("truncated", truncated);
        return json.writeValueAsString(result);
    }

    private static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException ignored) {
            // the statement already finished
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }

    /** How a SQL step or check ended. */
    record Outcome(RunStatus status, Integer exitCode, String message, String resultJson) {}
}
