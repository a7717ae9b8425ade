package io.cutover.verify;

/** A user table, named as {@code schema.table}. */
public record TableRef(String schema, String name) implements Comparable<TableRef> {

    /** Quoted for SQL, whatever characters the names hold. */
    public String quoted() {
        return quote(schema) + "." + quote(name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }

    @Override
    public int compareTo(TableRef o) {
        return toString().compareTo(o.toString());
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
