package io.cutover.emulator;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the emulator: its arguments, its state, the local server, its environment
 * and streams.
 */
record Invocation(FlyArgs args, StateStore store, LocalPostgres postgres, Map<String, String> env, InputStream in,
        PrintStream out, PrintStream err) {

    Path home() {
        return store.home();
    }

    FlyContract contract() {
        return FlyContract.get();
    }

    /**
     * The first argument after the command words: flyctl prompts for it, so
     * non-interactively it fails.
     */
    String required(String what) {
        return args.argument().orElseThrow(() -> new FlyError(contract().message("nonInteractive")));
    }

    /**
     * How long queued work (volume snapshots, MPG backups) takes here; Fly's own timing
     * is not known.
     */
    long queueSeconds() {
        return Long.parseLong(env.getOrDefault("CUTOVER_EMULATOR_QUEUE_SECONDS", "2"));
    }

    /** The token of this invocation, as the emulated API knows it. */
    FlyToken caller() {
        return store.read().caller;
    }
}
