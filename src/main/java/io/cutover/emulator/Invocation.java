package io.cutover.emulator;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** One run of the emulator: its arguments, its state, the local server and its streams. */
record Invocation(FlyArgs args, StateStore store, LocalPostgres postgres, InputStream in, PrintStream out, PrintStream err) {

    Path home() {
        return store.home();
    }

    /** The positional word at {@code index}, or flyctl's complaint about a missing argument. */
    String required(int index, String what) {
        return args.word(index).orElseThrow(() -> new FlyError("accepts 1 arg(s), received 0: missing " + what));
    }
}
