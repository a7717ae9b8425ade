package io.cutover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A source database holding one of every object class a migration can break (partitioned
 * table, domain with CHECK, enum, custom aggregate, trigger, view, materialized view,
 * column collation, sequence with non-default settings) and no users or posts tables, and
 * an empty target.
 */
public final class SchemaFixture implements AutoCloseable {

    public final String source;

    public final String target;

    public SchemaFixture() {
        this.source = TestDatabases.create("objsrc");
        this.target = TestDatabases.create("objtgt");
        TestDatabases.execute(source, sql());
    }

    public String valuesJson() {
        return "{\"sourceUrl\":\"" + TestDatabases.url(source) + "\",\"targetUrl\":\"" + TestDatabases.url(target)
                + "\"}";
    }

    public static String sql() {
        try (InputStream in = SchemaFixture.class.getResourceAsStream("/schemas/every-object.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        TestDatabases.drop(source);
        TestDatabases.drop(target);
    }

}
