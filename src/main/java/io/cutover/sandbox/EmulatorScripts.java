package io.cutover.sandbox;

import io.cutover.emulator.EmulatorLaunch;
import io.cutover.shared.ConnectionUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;

/**
 * Writes the programs the sandbox puts first on the panel's PATH: {@code flyctl} and
 * {@code fly} start the flyctl emulator (from this very build), {@code aws} is an
 * emulated S3 copying into a folder. Each says in its first lines that it is an emulator.
 */
final class EmulatorScripts {

    static final String EMULATOR_MAIN = "io.cutover.emulator.FlyctlEmulator";

    private EmulatorScripts() {
    }

    static void write(Path bin, Path home, ConnectionUrl pgAdmin) throws IOException {
        Files.createDirectories(bin);
        String flyctl = """
                #!/bin/sh
                # flyctl EMULATOR of the Cutover sandbox: not the real flyctl, it talks to no Fly account.
                # State: %s
                export CUTOVER_EMULATOR_HOME='%s'
                export CUTOVER_EMULATOR_PG='%s'
                exec %s "$@"
                """.formatted(home.resolve("state.json"), home, pgAdmin.withoutPassword(),
                EmulatorLaunch.java(EMULATOR_MAIN)
                    .stream()
                    .map(EmulatorScripts::quoted)
                    .collect(Collectors.joining(" ")));
        writeExecutable(bin.resolve("flyctl"), flyctl);
        writeExecutable(bin.resolve("fly"), flyctl);
        writeExecutable(bin.resolve("aws"),
                """
                        #!/bin/sh
                        # AWS CLI EMULATOR of the Cutover sandbox: 's3 cp' and 's3 ls' against a local folder per bucket.
                        set -e
                        root='%s'
                        [ "$1" = s3 ] || { echo "aws (sandbox emulator): only 's3 cp' and 's3 ls' are emulated" >&2; exit 2; }
                        sub=$2; shift 2
                        recursive=no; args=""
                        for a in "$@"; do case "$a" in --recursive) recursive=yes ;; *) args="$args
                        $a" ;; esac; done
                        src=$(printf '%%s' "$args" | sed -n 2p); dst=$(printf '%%s' "$args" | sed -n 3p)
                        local_of() { printf '%%s' "$root/${1#s3://}"; }
                        case "$sub" in
                          cp)
                            case "$dst" in s3://*) ;; *) echo "aws (sandbox emulator): only uploads to s3:// are emulated" >&2; exit 2 ;; esac
                            target=$(local_of "$dst")
                            if [ "$recursive" = yes ]; then
                              mkdir -p "$target"
                              for f in $(cd "$src" && find . -type f | sed 's|^\\./||'); do
                                mkdir -p "$(dirname "$target/$f")"; cp "$src/$f" "$target/$f"; echo "upload: $src/$f to $dst$f"; done
                            else
                              case "$dst" in */) mkdir -p "$target"; cp "$src" "$target"; echo "upload: $src to $dst$(basename "$src")" ;;
                                *) mkdir -p "$(dirname "$target")"; cp "$src" "$target"; echo "upload: $src to $dst" ;; esac
                            fi ;;
                          ls) ls -l "$(local_of "$src")" ;;
                          *) echo "aws (sandbox emulator): 's3 $sub' is not emulated" >&2; exit 2 ;;
                        esac
                        """
                    .formatted(home.resolve("s3")));
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void writeExecutable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

}
