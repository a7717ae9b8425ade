package io.cutover.verify;

import static io.cutover.verify.Catalog.USER_SCHEMA;

import java.util.List;

/**
 * Every class of object the schema comparison looks at, each read as "object name" to
 * "definition" by one catalog query, the same on both sides. Definitions come from the
 * server's own deparsers (format_type, pg_get_constraintdef, pg_get_functiondef …) so
 * equal schemas print equally; a definition is kept whole, so a difference can be shown
 * where it is.
 */
final class SchemaObjects {

    /**
     * @param kind the name differences are reported under ("domain missing on target")
     * @param differs what a different definition is called
     * @param attribute a state of an object another kind already lists (a trigger's
     * enabled state): its absence on one side is that kind's difference, not one more
     */
    record Kind(String kind, String differs, boolean attribute, String query) {
    }

    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = %s AND d.objid = %s AND d.deptype = 'e')";

    private static final String REL = NOT_EXTENSION_MEMBER.formatted("'pg_class'::regclass", "c.oid");

    private static final String PROC = NOT_EXTENSION_MEMBER.formatted("'pg_proc'::regclass", "p.oid");

    private static final String TYPE = NOT_EXTENSION_MEMBER.formatted("'pg_type'::regclass", "t.oid");

    private static final String REL_NAME = "n.nspname || '.' || c.relname";

    private static final String FROM_REL = " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace";

    private static final String PROC_NAME = "n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'";

    /**
     * An aggregate is its support functions and settings; the functions themselves are
     * compared as functions.
     */
    private static final String AGGREGATE = "concat_ws(E'\\n', 'kind ' || a.aggkind::text, 'sfunc ' || a.aggtransfn::regprocedure,"
            + " 'stype ' || format_type(a.aggtranstype, NULL), 'finalfunc ' || NULLIF(a.aggfinalfn::oid, 0)::regprocedure,"
            + " CASE WHEN a.aggfinalextra THEN 'finalfunc_extra' END, 'combinefunc ' || NULLIF(a.aggcombinefn::oid, 0)::regprocedure,"
            + " 'serialfunc ' || NULLIF(a.aggserialfn::oid, 0)::regprocedure, 'deserialfunc ' || NULLIF(a.aggdeserialfn::oid, 0)::regprocedure,"
            + " 'msfunc ' || NULLIF(a.aggmtransfn::oid, 0)::regprocedure, 'minvfunc ' || NULLIF(a.aggminvtransfn::oid, 0)::regprocedure,"
            + " 'mfinalfunc ' || NULLIF(a.aggmfinalfn::oid, 0)::regprocedure, 'sortop ' || NULLIF(a.aggsortop, 0)::regoperator,"
            + " 'initcond ' || quote_literal(a.agginitval), 'minitcond ' || quote_literal(a.aggminitval))";

    static final List<Kind> KINDS = List.of(new Kind("column", "column definition differs", false, "SELECT " + REL_NAME
            + " || '.' || a.attname, format_type(a.atttypid, a.atttypmod)"
            + " || CASE WHEN a.attcollation <> ty.typcollation THEN ' COLLATE ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname) ELSE '' END"
            + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation"
            + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND " + USER_SCHEMA
            + " AND " + REL),
            new Kind("constraint", "constraint definition differs", false, "SELECT " + REL_NAME
                    + " || '.' || con.conname, pg_get_constraintdef(con.oid)"
                    + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND " + USER_SCHEMA),
            new Kind("index", "index definition differs", false,
                    "SELECT i.schemaname || '.' || i.indexname, i.indexdef FROM pg_indexes i"
                            + " JOIN pg_namespace n ON n.nspname = i.schemaname WHERE " + USER_SCHEMA),
            new Kind("sequence", "sequence value", false,
                    "SELECT s.schemaname || '.' || s.sequencename, COALESCE(s.last_value::text, 'unused')"
                            + " FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname WHERE "
                            + USER_SCHEMA),
            new Kind("sequence settings", "sequence settings differ", true,
                    "SELECT s.schemaname || '.' || s.sequencename,"
                            + " format('AS %s START %s INCREMENT %s MINVALUE %s MAXVALUE %s CACHE %s %s', s.data_type, s.start_value, s.increment_by,"
                            + " s.min_value, s.max_value, s.cache_size, CASE WHEN s.cycle THEN 'CYCLE' ELSE 'NO CYCLE' END)"
                            + " FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname WHERE "
                            + USER_SCHEMA),
            new Kind("view", "view definition differs", false,
                    "SELECT " + REL_NAME + ", pg_get_viewdef(c.oid)" + FROM_REL + " WHERE c.relkind = 'v' AND "
                            + USER_SCHEMA + " AND " + REL),
            new Kind("materialized view", "materialized view definition differs", false,
                    "SELECT " + REL_NAME + ", pg_get_viewdef(c.oid)" + FROM_REL + " WHERE c.relkind = 'm' AND "
                            + USER_SCHEMA + " AND " + REL),
            new Kind("materialized view populated",
                    "materialized view populated state differs (REFRESH MATERIALIZED VIEW on the side that is not)",
                    true,
                    "SELECT " + REL_NAME + ", CASE WHEN c.relispopulated THEN 'populated' ELSE 'not populated' END"
                            + FROM_REL + " WHERE c.relkind = 'm' AND " + USER_SCHEMA + " AND " + REL),
            new Kind("function", "function definition differs", false, "SELECT " + PROC_NAME
                    + ", pg_get_functiondef(p.oid)"
                    + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND "
                    + USER_SCHEMA + " AND " + PROC),
            new Kind("aggregate", "aggregate definition differs", false, "SELECT " + PROC_NAME + ", " + AGGREGATE
                    + " FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace WHERE "
                    + USER_SCHEMA + " AND " + PROC),
            new Kind("trigger", "trigger definition differs", false, "SELECT " + REL_NAME
                    + " || '.' || t.tgname, pg_get_triggerdef(t.oid)"
                    + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE NOT t.tgisinternal AND " + USER_SCHEMA),
            new Kind("trigger enabled", "trigger enabled state differs", true, "SELECT " + REL_NAME
                    + " || '.' || t.tgname,"
                    + " CASE t.tgenabled WHEN 'O' THEN 'enabled' WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'enabled on replicas only' ELSE 'always enabled' END"
                    + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE NOT t.tgisinternal AND " + USER_SCHEMA),
            new Kind("domain", "domain definition differs", false,
                    "SELECT n.nspname || '.' || t.typname, format_type(t.typbasetype, t.typtypmod)"
                            + " || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END || COALESCE(' DEFAULT ' || t.typdefault, '')"
                            + " || COALESCE((SELECT string_agg(E'\\nCONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid), '' ORDER BY con.conname)"
                            + " FROM pg_constraint con WHERE con.contypid = t.oid), '')"
                            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND "
                            + USER_SCHEMA + " AND " + TYPE),
            new Kind("enum", "enum labels differ", false,
                    "SELECT n.nspname || '.' || t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
                            + " FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace"
                            + " WHERE " + USER_SCHEMA + " AND " + TYPE + " GROUP BY n.nspname, t.typname"),
            new Kind("partition", "partition bounds differ", false, "SELECT " + REL_NAME
                    + ", 'PARTITION OF ' || pn.nspname || '.' || p.relname || ' '"
                    + " || pg_get_expr(c.relpartbound, c.oid)" + FROM_REL
                    + " JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent"
                    + " JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE c.relispartition AND c.relkind IN ('r', 'p', 'f') AND "
                    + USER_SCHEMA),
            new Kind("partition key", "partition key differs", false,
                    "SELECT " + REL_NAME + ", pg_get_partkeydef(c.oid)" + FROM_REL + " WHERE c.relkind = 'p' AND "
                            + USER_SCHEMA + " AND " + REL),
            new Kind("extension", "extension version differs", false, "SELECT extname, extversion FROM pg_extension"));

    private SchemaObjects() {
    }

}
