package io.cutover.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryPermissionsTest {

    @TempDir
    Path tmp;

    @Test
    void newDataDirectoryIsCreatedPrivate() throws IOException {
        Path dataDir = tmp.resolve("fresh/data");

        DataDirectoryPermissions.secure(dataDir);

        assertThat(mode(dataDir)).isEqualTo("rwx------");
    }

    @Test
    void filesLeftOpenByAnEarlierStartAreClosed() throws IOException {
        Path dataDir = Files.createDirectory(tmp.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path h2 = write(dataDir.resolve("panel.mv.db"), "rw-r--r--");
        Path backups = Files.createDirectories(dataDir.resolve("migrations/1/backups"));
        Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dump = write(backups.resolve("backup.dump"), "rw-rw-rw-");
        Path script = write(dataDir.resolve("flyctl"), "rwxr-xr-x");
        Path traversed = Files.createDirectory(dataDir.resolve("fly"));
        Files.setPosixFilePermissions(traversed, PosixFilePermissions.fromString("rwxr-x--x"));

        DataDirectoryPermissions.secure(dataDir);

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(h2)).isEqualTo("rw-------");
        assertThat(mode(backups)).isEqualTo("rwx------");
        assertThat(mode(dump)).isEqualTo("rw-------");
        assertThat(mode(script)).as("still executable by its owner").isEqualTo("rwx------");
        assertThat(mode(traversed)).isEqualTo("rwx------");
    }

    @Test
    void onceUpOnlyFilesAreClosedAndTheSandboxsTraversePathStays() throws IOException {
        Path dataDir = Files.createDirectory(tmp.resolve("up"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx-----x"));
        Path h2 = write(dataDir.resolve("panel.mv.db"), "rw-r--r--");

        DataDirectoryPermissions.closeFiles(dataDir);

        assertThat(mode(h2)).isEqualTo("rw-------");
        assertThat(mode(dataDir)).isEqualTo("rwx-----x");
    }

    @Test
    void privateDirectoriesCreatesEveryMissingLevelAs0700() throws IOException {
        Path deep = DataDirectoryPermissions.privateDirectories(tmp.resolve("a/b/c"));

        assertThat(mode(deep)).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("a"))).isEqualTo("rwx------");
    }

    private static Path write(Path file, String mode) throws IOException {
        Files.writeString(file, "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

}
