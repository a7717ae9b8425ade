package io.cutover.verify;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one definition of a table's content checksum, computed inside the database so only
 * two numbers per table cross the network. Every comparison of content (verify,
 * sync-verify, the check at sync-start, the copy steps' verification) goes through
 * {@link Verifier}, which scans each side with the same instance.
 *
 * <p>
 * The checksum is {@code sum(M(h(row)))} over the table's rows (an exact sum: PostgreSQL
 * sums bigints as numeric), where {@code h} is a 64-bit row hash and {@code M} mixes it
 * non-linearly. Why each part is there:
 *
 * <ul>
 * <li><b>The sum</b> makes it order-independent: equal multisets of rows give equal sums
 * however the rows come back, and a plain row reorder is no difference.
 * <li><b>The mix {@code M}</b> is what makes a swap visible. {@code hash_record_extended}
 * combines column hashes linearly ({@code result = 31 * result + column_hash}, wrapping
 * at 2^64), so modulo 2^64 {@code sum(h)} equals
 * {@code sum over columns of 31^k * (sum of that column's
 *     hashes)}: it only sees, column by column, the multiset of values, and a value
 * swapped between two rows leaves every column's multiset, hence the sum, unchanged (the
 * exact sum then differs only when the two rows' hashes wrap differently: about two swaps
 * in three went unseen). {@code M} ({@code hashint8extended}, Jenkins' lookup3 mix of
 * additions, xors and rotations) has no such structure: {@code M(a) + M(b)} tells nothing
 * about {@code M(a + x) + M(b - x)}. So for any change to the multiset of rows, the sum
 * moves by {@code Delta = sum M(h(new rows)) - sum M(h(old rows))}, a sum of outputs of
 * {@code M} at inputs that differ from the old ones, which is zero only by a 64-bit
 * accident (about 2^-64 per corruption): values swapped between rows (two rows replaced
 * by two other rows), a value moved from one table to another (each table's multiset
 * changes, each table's sum moves), a row duplicated while another is deleted (the count
 * stays, the sum moves by {@code M(h(r1)) - M(h(r2))}). The only way to keep the sum is
 * to keep the rows' multiset.
 * <li><b>A random seed per verification</b>, the same on both sides, keys {@code h} and
 * {@code M}: nobody can precompute rows whose changes cancel out, because the function is
 * chosen only when the verification starts. Checksums of two verifications are therefore
 * not comparable with each other; only both sides of one verification are.
 * <li>{@code hashint8extended(h, seed)} folds {@code h} to 32 bits (the xor of its
 * halves) before mixing, so a change also goes unseen if the changed rows' folded hashes
 * happen to be the old ones again, two 32-bit coincidences for the smallest change (about
 * 2^-64 again). Feeding all 64 bits in (through the seed, which needs the row hash twice)
 * would cost a second row hash or a subquery fence: 50 to 100 % more time per table,
 * measured, for nothing that matters.
 * </ul>
 *
 * <p>
 * {@code h} is either the hash of the stored values or the hash of the row's text,
 * decided per table from its catalog: the text path for types where equal values may
 * print differently.
 *
 * <p>
 * <b>The column chain</b> ({@link #rowTerm}, every read: whole and segment, tables of 1
 * to 100 columns). The row hash is a chain over the columns in order, each column's hash
 * seeded with the hash of the columns before it,
 * {@code h = H_n(v_n, H_n-1(v_n-1, ... H_1(v_1, H(null mask, seed))))}, where {@code H}
 * is the column type's own hash function where SQL can call it on the value (integers,
 * bool, oid, text, varchar, char(n), uuid, time, timestamp), and the hash of the column's
 * text otherwise (numeric, float, jsonb, json, interval, arrays, ...: what the text path
 * sees, column by column); bytea, date and timestamptz, whose stored values hash exactly
 * but have no such function, go into one record hash at the end. Text is hashed in byte
 * order ({@code COLLATE "C"}), whatever the column's collation. The row's composite datum
 * (the copy {@code hash_record_extended(t)} needs) and the row's text are never built:
 * 1.3-1.4 s of CPU for pgbench_accounts' 5 M rows against 2.6-3.4 s for
 * {@code M(hash_record_extended(t))} and 3.5-5.0 s for {@code hashtextextended(t::text)},
 * measured by hand (serial plans, backend CPU time). No mix is needed: every step is a
 * full Jenkins mix of the value and the 64-bit seed, so a value swapped between two rows
 * gives both rows unrelated hashes, and the plain sum of {@code h} sees what {@code M}
 * was for. NULLs: the functions are strict, so a nullable column hashes
 * {@code COALESCE(v, neutral)} and the first step hashes the bitmap of which nullable
 * columns are NULL (NULL and the neutral value differ by the bitmap). An aggregate
 * cheaper than the sum buys nothing: {@code bit_xor} (which would also cancel duplicate
 * rows of a keyless table in pairs) measured the same as {@code sum}, and the mix itself
 * costs little; the record is what costs. {@code hashint8extended} folds a bigint to 32
 * bits ({@code 1} and {@code 4294967296} hash alike, in the record hash too), so a bigint
 * column takes a second step with its high half; time and timestamp hash their 64-bit
 * value folded the same way (as in the record hash: a change that keeps the fold is a
 * 2^-32 accident per changed value). The chain is used only where both sides read the
 * table whole (each side's catalog builds its chain: equal schemas, equal chains);
 * segment reads, the re-check and row location sum the same term, so their sums agree and
 * a chain-only difference is named down to its row.
 */
record TableChecksum(long seed) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Hashes each column's stored value with its type's own hash function: no text output
     * to build.
     */
    private static final String STORED_VALUES = "hash_record_extended(t, %s)";

    /**
     * Hashes the row's text form: works for every type, but formatting each value costs
     * time.
     */
    private static final String ROW_TEXT = "hashtextextended(t::text, %s)";

    private static final String MIXED = "hashint8extended(%s, %s)";

    private static final String QUERY = "SELECT count(*), COALESCE(sum(%s), 0)::text FROM %s AS t";

    /**
     * True when every column's type hashes exactly what its text form shows, so the
     * record hash misses no difference the text hash would catch: integers, bool, oid,
     * text types under a deterministic collation, char(n) (stored padded, so trailing
     * blanks cannot differ), bytea, uuid, date, time, timestamp(tz). Not numeric (1.0 and
     * 1.00 hash alike), not float (0 and -0), interval, jsonb or json (equal values,
     * different text), nor types without a hash function; those tables keep the text
     * hash.
     */
    private static final String STORED_VALUES_HASHABLE = """
            SELECT coalesce(bool_and((a.atttypid IN (16, 20, 21, 23, 25, 26, 17, 1043, 1082, 1083, 1114, 1184, 2950)
                                          OR a.atttypid = 1042 AND a.atttypmod > 0)
                                     AND coalesce(c.collisdeterministic, true)), true)
            FROM pg_attribute a LEFT JOIN pg_collation c ON c.oid = a.attcollation
            WHERE a.attrelid = '%s'::regclass AND a.attnum > 0 AND NOT a.attisdropped""";

    /**
     * Longer chains nest too deeply for the planner's stack; those keep the record hash.
     */
    private static final int MAX_CHAIN_COLUMNS = 100;

    /**
     * The user columns in order, quoted, with their type, whether they may be NULL and
     * whether a char column has a length (without one, trailing blanks print but do not
     * hash).
     */
    private static final String COLUMNS = """
            SELECT quote_ident(a.attname), a.atttypid::int, NOT a.attnotnull, a.atttypmod > 0 FROM pg_attribute a
            WHERE a.attrelid = '%s'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";

    /** Types whose stored values hash exactly, but with no hash function SQL can call. */
    private static final java.util.Set<Integer> RECORD_HASHED = java.util.Set.of(17, 1082, 1184);

    /** Every other type hashes its text (with the output settings the session pins). */
    private static final String[] TEXT_STEP = { "hashtextextended(%s COLLATE \"C\", %s)", "''" };

    /**
     * Per type: its hash function (the default hash opclass's extended one, called on the
     * value; text types in byte order, whatever the column's collation) and the neutral
     * value a NULL hashes as (the null mask tells them apart).
     */
    private static final Map<Integer, String[]> CHAIN_STEP = Map.ofEntries(step(21, "hashint2extended(%s, %s)", "0"),
            step(23, "hashint4extended(%s, %s)", "0"),
            // The fold to 32 bits, then the high half: together they are the whole value.
            step(20, "hashint4extended((%1$s >> 32)::int4, hashint8extended(%1$s, %2$s))", "0"),
            step(26, "hashoidextended(%s, %s)", "0"), step(16, "hashint4extended(%s::int4, %s)", "false"),
            step(25, TEXT_STEP[0], "''"), step(1043, TEXT_STEP[0], "''"),
            step(1042, "hashbpcharextended(%s COLLATE \"C\", %s)", "''"),
            step(2950, "uuid_hash_extended(%s, %s)", "'00000000-0000-0000-0000-000000000000'"),
            step(1083, "time_hash_extended(%s, %s)", "'00:00'"),
            step(1114, "timestamp_hash_extended(%s, %s)", "'epoch'"));

    private static Map.Entry<Integer, String[]> step(int type, String function, String neutral) {
        return Map.entry(type, new String[] { function, neutral });
    }

    private record Column(String name, int type, boolean nullable, boolean sized) {

        boolean inRecord() {
            return RECORD_HASHED.contains(type);
        }

        /** The function and the neutral value of this column's step in the chain. */
        String[] step() {
            return type == 1042 && !sized ? TEXT_STEP : CHAIN_STEP.getOrDefault(type, TEXT_STEP);
        }

        /** The value the step hashes. */
        String value() {
            String v = step() == TEXT_STEP && type != 25 && type != 1043 ? name + "::text" : name;
            return nullable ? "COALESCE(" + v + ", " + step()[1] + ")" : v;
        }
    }

    /** A checksum with a seed nobody knows before the verification starts. */
    static TableChecksum random() {
        return new TableChecksum(RANDOM.nextLong());
    }

    /**
     * The query answering the table's row count and checksum, by the path its catalog
     * allows.
     */
    String query(Statement st, TableRef table) throws SQLException {
        return query(table, rowTerm(st, table));
    }

    /** The query by a given path (tests use it to exercise both paths on one table). */
    String query(TableRef table, boolean storedValues) {
        // A literal: any 64-bit value, the smallest included, reads back as exactly that
        // bigint.
        String seedLiteral = "'" + seed + "'::int8";
        String rowHash = (storedValues ? STORED_VALUES : ROW_TEXT).formatted(seedLiteral);
        return QUERY.formatted(MIXED.formatted(rowHash, seedLiteral), table.quoted());
    }

    /**
     * The term every read sums, whole or by segment or row: the column chain where the
     * table allows it, else {@link #rowExpression}. Each side builds it from its own
     * catalog, so equal schemas give equal terms.
     */
    String rowTerm(Statement st, TableRef table) throws SQLException {
        String chain = columnChain(st, table);
        return chain != null ? chain : rowExpression(hashesStoredValues(st, table));
    }

    /** {@link #rowTerm(Statement, TableRef)} on a statement of its own, closed after. */
    String rowTerm(Connection c, TableRef table) throws SQLException {
        try (Statement st = c.createStatement()) {
            return rowTerm(st, table);
        }
    }

    /** The whole-table query with a given term (tests compare the terms on one table). */
    String query(TableRef table, String term) {
        return QUERY.formatted(term, table.quoted());
    }

    /**
     * The chained hash of the table's columns, or null when it has none or too many (see
     * the class comment).
     */
    String columnChain(Statement st, TableRef table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(COLUMNS.formatted(table.quoted().replace("'", "''")))) {
            while (rs.next()) {
                columns.add(new Column("t." + rs.getString(1), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4)));
            }
        }
        if (columns.isEmpty() || columns.size() > MAX_CHAIN_COLUMNS) {
            return null;
        }
        String seedLiteral = "'" + seed + "'::int8";
        List<String> mask = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (Column c : columns) {
            if (c.nullable() && !c.inRecord()) {
                mask.add("((" + c.name() + " IS NULL)::int4 << " + mask.size() % 31 + ")");
            }
        }
        String h = seedLiteral;
        for (int i = 0; i < mask.size(); i += 31) {
            h = "hashint4extended(" + String.join(" | ", mask.subList(i, Math.min(mask.size(), i + 31))) + ", " + h
                    + ")";
        }
        for (Column c : columns) {
            if (c.inRecord()) {
                rest.add(c.name());
            }
            else {
                h = c.step()[0].formatted(c.value(), h);
            }
        }
        return rest.isEmpty() ? h : "hash_record_extended(ROW(" + String.join(", ", rest) + "), " + h + ")";
    }

    /**
     * One row's mixed hash, the term the checksum sums (segment scans and row location
     * use it).
     */
    String rowExpression(boolean storedValues) {
        String seedLiteral = "'" + seed + "'::int8";
        return MIXED.formatted((storedValues ? STORED_VALUES : ROW_TEXT).formatted(seedLiteral), seedLiteral);
    }

    /**
     * Decided from each side's own catalog: equal schemas hash alike, and a schema
     * difference is reported anyway.
     */
    static boolean hashesStoredValues(Statement st, TableRef table) throws SQLException {
        try (ResultSet rs = st.executeQuery(STORED_VALUES_HASHABLE.formatted(table.quoted().replace("'", "''")))) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
