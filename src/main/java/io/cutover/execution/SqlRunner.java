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
 * Runs a SQL step over JDBC against the source or the target, with a statement timeout;
 * the rows become lines in the log and a table on the run page.
 */
@Component
record SqlRunner(ExecutionProperties properties, JsonMapper json) {

    Outcome run(RunContext ctx) {
        ExecutionValues.Connection target = ctx.connection(ctx.step.target())
            .orElseThrow(() -> new StepFailure("The " + ctx.step.target().name().toLowerCase()
                    + " connection is not set; set it on the Parameters page"));
        String sql = render(ctx);
        ctx.log
            .system("SQL on " + ctx.step.target().name().toLowerCase() + " (" + target.url().withoutPassword() + "):");
        sql.lines().forEach(l -> ctx.log.system("  " + l));
        try (Connection c = open(target); Statement st = c.createStatement()) {
            ctx.onCancel(() -> cancelQuietly(st));
            st.execute("SET statement_timeout = " + properties.sqlStatementTimeout().toMillis());
            st.setMaxRows(properties.sqlMaxRows() + 1);
            if (!st.execute(sql)) {
                ctx.log.out(st.getUpdateCount() >= 0 ? st.getUpdateCount() + " rows affected" : "OK");
                return new Outcome(RunStatus.SUCCEEDED, null, "Statement finished", null);
            }
            Rows rows = read(st.getResultSet());
            ctx.log.out(String.join(" | ", rows.table().columns()));
            rows.table().rows().forEach(r -> ctx.log.out(String.join(" | ", r)));
            ctx.log.out("(" + rows.table().rows().size() + (rows.truncated() ? "+" : "") + " row"
                    + (rows.table().rows().size() == 1 ? "" : "s") + ")");
            if (ctx.step.saveOutput() != null) {
                save(ctx, rows.table());
            }
            return new Outcome(RunStatus.SUCCEEDED, null, "Query finished", json(rows));
        }
        catch (SQLException e) {
            if (ctx.cancelled()) {
                return new Outcome(RunStatus.CANCELLED, null, "Cancelled by " + ctx.cancelledBy(), null);
            }
            ctx.log.err(e.getMessage());
            return new Outcome(RunStatus.FAILED, null, "The query failed: " + firstLine(e.getMessage()), null);
        }
    }

    /**
     * The step's SQL as it runs and as the run records it: parameters rendered,
     * {@code ${database}} the connected database as a quoted identifier (left as it is
     * while no connection is set).
     */
    static String render(RunContext ctx) {
        String database = ctx.connection(ctx.step.target())
            .map(t -> "\"" + t.url().database().replace("\"", "\"\"") + "\"")
            .orElse("${database}");
        return Template
            .render(ctx.step.sql(), name -> Template.DATABASE.equals(name) ? database : ctx.runValues.forArgv(name))
            .strip();
    }

    /**
     * A JDBC connection with the password given to the driver, never in a URL that could
     * be logged.
     */
    static Connection open(ExecutionValues.Connection target) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.url().user());
        target.password().ifPresent(pw -> props.setProperty("password", pw));
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "cutover");
        return DriverManager.getConnection(target.url().jdbcUrl(), props);
    }

    private Rows read(ResultSet rs) throws SQLException {
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
                String v = rs.getString(i);
                row.add(v == null ? "NULL" : v);
            }
            rows.add(row);
        }
        return new Rows(new ResultTable(columns, rows), truncated);
    }

    private String json(Rows rows) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("columns", rows.table().columns());
        result.put("rows", rows.table().rows());
        result.put("truncated", rows.truncated());
        return json.writeValueAsString(result);
    }

    /** Keeps the result as a file (a performance baseline is a record, not a memory). */
    private static void save(RunContext ctx, ResultTable table) {
        java.nio.file.Path file = ctx.runValues.path(ctx.step.saveOutput());
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, ctx.step.title() + " (" + ctx.timestamp + ")\n\n" + table.toText());
            ctx.log.system("Result saved as " + ctx.workdir.relativize(file));
        }
        catch (java.io.IOException e) {
            throw new StepFailure("Cannot write " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private record Rows(ResultTable table, boolean truncated) {
    }

    private static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        }
        catch (SQLException ignored) {
            // the statement already finished
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }

    /** How a SQL step or check ended. */
    record Outcome(RunStatus status, Integer exitCode, String message, String resultJson) {
    }

}
