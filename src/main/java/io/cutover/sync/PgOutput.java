package io.cutover.sync;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the messages of PostgreSQL's pgoutput plugin, protocol version 1 (whole
 * transactions, sent at commit, in commit order; values in text form). See "Logical
 * Replication Message Formats" in the PostgreSQL documentation.
 */
final class PgOutput {

    /** PostgreSQL timestamps count microseconds from 2000-01-01 UTC. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private PgOutput() {
    }

    sealed interface Message permits Begin, Commit, Relation, Insert, Update, Delete, Truncate, Other {

    }

    /**
     * @param finalLsn where the transaction's commit record starts
     */
    record Begin(long finalLsn, Instant commitTime, int xid) implements Message {
    }

    /**
     * @param endLsn just past the commit record: the position to resume after
     */
    record Commit(long commitLsn, long endLsn, Instant commitTime) implements Message {
    }

    record Column(String name, boolean key, int typeOid) {
    }

    /**
     * @param identity the table's replica identity: d (default, primary key), i (index),
     * f (full), n (nothing)
     */
    record Relation(int oid, String schema, String table, char identity, List<Column> columns) implements Message {

        String qualified() {
            return SourceSlot.quote(schema) + "." + SourceSlot.quote(table);
        }
    }

    /**
     * One column value: kind n (null), u (unchanged TOAST value, not sent) or t (text).
     */
    record Value(char kind, String text) {

        boolean unchanged() {
            return kind == 'u';
        }
    }

    record Insert(int relation, List<Value> row) implements Message {
    }

    /**
     * @param old the old key ('K') or whole old row ('O'), or null when the key did not
     * change
     */
    record Update(int relation, List<Value> old, List<Value> row) implements Message {
    }

    record Delete(int relation, List<Value> old) implements Message {
    }

    record Truncate(List<Integer> relations, boolean cascade, boolean restartIdentity) implements Message {
    }

    /** Origin, type and other messages the applier does not need. */
    record Other(char type) implements Message {
    }

    static Message decode(ByteBuffer b) {
        char type = (char) b.get();
        return switch (type) {
            case 'B' -> new Begin(b.getLong(), time(b.getLong()), b.getInt());
            case 'C' -> {
                b.get(); // flags, unused
                yield new Commit(b.getLong(), b.getLong(), time(b.getLong()));
            }
            case 'R' -> relation(b);
            case 'I' -> {
                int rel = b.getInt();
                expect(b, 'N');
                yield new Insert(rel, tuple(b));
            }
            case 'U' -> update(b);
            case 'D' -> {
                int rel = b.getInt();
                b.get(); // 'K' or 'O'
                yield new Delete(rel, tuple(b));
            }
            case 'T' -> truncate(b);
            default -> new Other(type);
        };
    }

    private static Relation relation(ByteBuffer b) {
        int oid = b.getInt();
        String schema = string(b);
        String table = string(b);
        char identity = (char) b.get();
        int n = b.getShort();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean key = (b.get() & 1) != 0;
            String name = string(b);
            int typeOid = b.getInt();
            b.getInt(); // type modifier
            columns.add(new Column(name, key, typeOid));
        }
        return new Relation(oid, schema.isEmpty() ? "pg_catalog" : schema, table, identity, columns);
    }

    private static Update update(ByteBuffer b) {
        int rel = b.getInt();
        char next = (char) b.get();
        List<Value> old = null;
        if (next == 'K' || next == 'O') {
            old = tuple(b);
            next = (char) b.get();
        }
        if (next != 'N') {
            throw new IllegalStateException("pgoutput: expected a new tuple in an update, got '" + next + "'");
        }
        return new Update(rel, old, tuple(b));
    }

    private static Truncate truncate(ByteBuffer b) {
        int n = b.getInt();
        int options = b.get();
        List<Integer> rels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rels.add(b.getInt());
        }
        return new Truncate(rels, (options & 1) != 0, (options & 2) != 0);
    }

    private static List<Value> tuple(ByteBuffer b) {
        int n = b.getShort();
        List<Value> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            char kind = (char) b.get();
            switch (kind) {
                case 'n', 'u' -> values.add(new Value(kind, null));
                case 't' -> {
                    byte[] bytes = new byte[b.getInt()];
                    b.get(bytes);
                    values.add(new Value('t', new String(bytes, StandardCharsets.UTF_8)));
                }
                default -> throw new IllegalStateException("pgoutput: unknown column kind '" + kind + "'");
            }
        }
        return values;
    }

    private static void expect(ByteBuffer b, char wanted) {
        char got = (char) b.get();
        if (got != wanted) {
            throw new IllegalStateException("pgoutput: expected '" + wanted + "', got '" + got + "'");
        }
    }

    private static String string(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // scan to the terminating zero byte
        }
        byte[] bytes = new byte[b.position() - start - 1];
        b.position(start);
        b.get(bytes);
        b.get();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Instant time(long micros) {
        return Instant.ofEpochSecond(PG_EPOCH_SECONDS).plusNanos(micros * 1000);
    }

    static String lsn(long value) {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }

    static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

}
