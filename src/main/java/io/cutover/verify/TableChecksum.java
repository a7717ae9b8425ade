package io.cutover.verify;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

    /** A checksum with a seed nobody knows before the verification starts. */
    static TableChecksum random() {
        return new TableChecksum(RANDOM.nextLong());
    }

    /**
     * The query answering the table's row count and checksum, by the path its catalog
     * allows.
     */
    String query(Statement st, TableRef table) throws SQLException {
        return query(table, hashesStoredValues(st, table));
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
