package io.cutover.sync;

import io.cutover.sync.PgOutput.Column;
import io.cutover.sync.PgOutput.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DDL is not streamed: when the source's table changes, pgoutput describes the table anew
 * before its next change. Comparing that description with the target's table names the
 * change before a single row fails (a failing row's error would show its values to every
 * viewer) and says how to go on: apply the same change on the target, and the applier,
 * retrying on its own, resumes from the last position the target committed — the slot
 * keeps every change meanwhile.
 */
final class SchemaChange {

    /**
     * Type oids below this are built in, the same on every server; a user type's oid
     * differs between servers.
     */
    private static final int FIRST_USER_OID = 16384;

    private SchemaChange() {
    }

    /**
     * The source changed a table the stream carries in a way the target does not have
     * yet.
     */
    static final class SourceTableChanged extends IllegalStateException {

        SourceTableChanged(String message) {
            super(message);
        }

    }

    static void check(Connection target, Relation r) throws SQLException {
        Map<String, TargetColumn> there = columns(target, r);
        String table = r.schema() + "." + r.table();
        if (there == null) {
            throw changed(table, List.of("the table is missing on the target"),
                    "create it there as it is on the source");
        }
        List<String> changes = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (Column c : r.columns()) {
            TargetColumn t = there.remove(c.name());
            String type = typeName(target, c.typeOid());
            if (t == null) {
                changes.add("column " + SourceSlot.quote(c.name()) + " (" + type + ") was added");
                fixes.add("ALTER TABLE " + r.qualified() + " ADD COLUMN " + SourceSlot.quote(c.name()) + " " + type);
            }
            else if (c.typeOid() < FIRST_USER_OID && c.typeOid() != t.typeOid()) {
                changes.add("column " + SourceSlot.quote(c.name()) + " changed type from " + t.type() + " to " + type);
                fixes.add("ALTER TABLE " + r.qualified() + " ALTER COLUMN " + SourceSlot.quote(c.name()) + " TYPE "
                        + type);
            }
        }
        // A column only the target has is harmless unless the source's rows can no longer
        // fill it.
        there.forEach((name, t) -> {
            if (t.required()) {
                changes.add("column " + SourceSlot.quote(name) + " was dropped (the target still requires it)");
                fixes.add("ALTER TABLE " + r.qualified() + " DROP COLUMN " + SourceSlot.quote(name));
            }
        });
        if (!changes.isEmpty()) {
            throw changed(table, changes, String.join("; ", fixes));
        }
    }

    private static SourceTableChanged changed(String table, List<String> changes, String fix) {
        return new SourceTableChanged("The source's table " + table + " changed while streaming (DDL is not streamed): "
                + String.join(", ", changes) + ". Apply the same change on the target (" + fix
                + "); the stream resumes by itself once the target has it, and nothing is lost meanwhile");
    }

    private record TargetColumn(int typeOid, String type, boolean required) {
    }

    /** The target's columns by name, or null when the table is not there. */
    private static Map<String, TargetColumn> columns(Connection target, Relation r) throws SQLException {
        try (PreparedStatement ps = target
            .prepareStatement("SELECT a.attname, a.atttypid, format_type(a.atttypid, a.atttypmod),"
                    + " a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '', c.oid IS NOT NULL"
                    + " FROM (SELECT to_regclass(?) AS oid) c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, r.qualified());
            Map<String, TargetColumn> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean(5)) {
                        return null;
                    }
                    if (rs.getString(1) != null) {
                        out.put(rs.getString(1), new TargetColumn(rs.getInt(2), rs.getString(3), rs.getBoolean(4)));
                    }
                }
            }
            return out;
        }
    }

    private static String typeName(Connection target, int oid) throws SQLException {
        if (oid >= FIRST_USER_OID) {
            return "the source's type " + oid;
        }
        try (PreparedStatement ps = target.prepareStatement("SELECT format_type(?::oid, NULL)")) {
            ps.setInt(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

}
