package io.cutover.emulator;

import java.util.List;

/**
 * The emulator is started with the migration's {@code FLY_API_TOKEN} (as real flyctl is),
 * but the programs it starts itself — PgBouncer, pg_dump, pg_restore, psql — have no use
 * for it and must not carry it: a PgBouncer lives on after the command, and anyone who
 * may read its {@code /proc/<pid>/environ} would find the token there.
 */
final class ChildEnvironment {

    /** Variables flyctl reads a token from. */
    static final List<String> FLY_TOKENS = List.of("FLY_API_TOKEN", "FLY_ACCESS_TOKEN");

    private ChildEnvironment() {
    }

    static ProcessBuilder withoutFlyTokens(ProcessBuilder builder) {
        FLY_TOKENS.forEach(builder.environment()::remove);
        return builder;
    }

}
