package io.cutover.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the data directory private to the panel's user: the directory is created 0700,
 * and at start everything under it loses its group and other bits (0644 becomes 0600,
 * 0755 becomes 0700) — the effect of umask 077, which Java cannot set — so the H2 file,
 * backups and logs written earlier are closed too. Once the panel is up, files created
 * during start-up (H2's) are closed again; directories are left alone then, because the
 * sandbox opens a traverse-only path for PgBouncer, which runs as user postgres when the
 * panel is root.
 */
public final class DataDirectoryPermissions {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryPermissions.class);

    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final Set<PosixFilePermission> OWNER = PRIVATE_DIRECTORY;

    private DataDirectoryPermissions() {
    }

    /** Creates {@code dataDir} (0700) if missing and closes what is under it. */
    public static void secure(Path dataDir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.exists(dataDir)) {
                Path parent = dataDir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
            }
            tighten(dataDir, true);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot make the data directory " + dataDir + " private", e);
        }
    }

    /** Closes the files under {@code dataDir} (not its directories). */
    public static void closeFiles(Path dataDir) {
        if (!Files.isDirectory(dataDir) || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            tighten(dataDir, false);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot make the files of " + dataDir + " private", e);
        }
    }

    /** Creates a private directory (0700) and any missing parents as private as well. */
    public static Path privateDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                privateDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
        }
        return dir;
    }

    private static void tighten(Path root, boolean directories) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (directories) {
                    close(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    close(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                log.warn("Cannot check the permissions of {}: {}", file, e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void close(Path path) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
            Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
            now.stream().filter(OWNER::contains).forEach(kept::add);
            if (!kept.equals(now)) {
                Files.setPosixFilePermissions(path, kept);
            }
        }
        catch (IOException e) {
            // A file of another user (PgBouncer's, when handed to postgres) is that
            // user's to keep closed.
            log.warn("Cannot make {} private: {}", path, e.getMessage());
        }
    }

}
