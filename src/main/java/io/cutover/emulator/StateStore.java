package io.cutover.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code state.json} under the emulator's home. Several emulator processes may run at
 * once (a proxy stays up while other commands run), so every change happens under an
 * exclusive file lock on {@code state.lock}, and the file is replaced atomically so that
 * readers never see half of it.
 */
final class StateStore {

    /**
     * Indented the way Go's encoding/json indents flyctl's --json output: four spaces
     * (contract 1.4).
     */
    static final JsonMapper JSON = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("")).withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n")))
        .build();

    /**
     * A file lock belongs to the whole JVM and throws when the same JVM asks twice, so
     * threads of one JVM (tests, the emulated app's server) also queue on an in-process
     * lock per file.
     */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path home;

    private final Path file;

    private final Path lockFile;

    /**
     * The token of the invocation, put on every state read so lookups answer as the API
     * would for it.
     */
    private final FlyToken caller;

    StateStore(Path home) {
        this(home, null);
    }

    StateStore(Path home, FlyToken caller) {
        this.caller = caller;
        this.home = home.toAbsolutePath().normalize();
        this.file = this.home.resolve("state.json");
        this.lockFile = this.home.resolve("state.lock");
    }

    Path home() {
        return home;
    }

    /**
     * A snapshot of the state; safe without the lock because writes are atomic renames.
     */
    EmulatorState read() {
        if (!Files.exists(file)) {
            EmulatorState empty = new EmulatorState();
            empty.caller = caller;
            return empty;
        }
        try {
            EmulatorState state = JSON.readValue(Files.readAllBytes(file), EmulatorState.class);
            state.caller = caller;
            return state;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads, applies {@code change}, writes back, all under the lock; returns the
     * change's result.
     */
    <T> T update(Function<EmulatorState, T> change) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(home);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                EmulatorState state = read();
                T result = change.apply(state);
                write(state);
                return result;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
        finally {
            jvmLock.unlock();
        }
    }

    private void write(EmulatorState state) throws IOException {
        Path temp = Files.createTempFile(home, "state", ".json.tmp");
        try {
            Files.write(temp, JSON.writeValueAsBytes(state));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(temp);
        }
    }

}
