package io.cutover.sync;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What went wrong while applying, in words every viewer may read: a driver's message can
 * carry the failing statement with its values, and the server's detail the failing row,
 * so neither is shown — only the server's own message, the table it names, and the
 * SQLSTATE.
 */
final class ApplyFailure {

    private ApplyFailure() {
    }

    static String describe(Throwable e) {
        if (e instanceof SchemaChange.SourceTableChanged) {
            return e.getMessage();
        }
        SQLException sql = sqlCause(e);
        if (sql == null) {
            return firstLine(e);
        }
        if (sql instanceof BatchUpdateException && sql.getNextException() != null) {
            sql = sql.getNextException();
        }
        ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            return sql instanceof BatchUpdateException
                    ? "a batch of changes failed on the target (SQLSTATE " + sql.getSQLState() + ")" : firstLine(sql);
        }
        String table = server.getTable() == null ? ""
                : " (table " + (server.getSchema() == null ? "" : server.getSchema() + ".") + server.getTable() + ")";
        String state = server.getSQLState() == null ? "" : server.getSQLState();
        // A data exception's message quotes the value that did not fit.
        String message = state.startsWith("22") ? "a value the source sent does not fit the target's column"
                : server.getMessage();
        return message + table + " [SQLSTATE " + state + "]";
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

}
