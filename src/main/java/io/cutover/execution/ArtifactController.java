package io.cutover.execution;

import io.cutover.migration.MigrationManagement;
import io.cutover.shared.Actor;
import io.cutover.shared.ForbiddenException;
import io.cutover.shared.NotFoundException;
import io.cutover.shared.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The files runs produced, so approvers can read what they sign about: text (reports,
 * manifests, inventories) inline, any file as a download. A file is only ever found
 * through its artifact record (never a path from the request) and must lie inside the
 * migration's working directory, symbolic links resolved. Dumps hold the whole database:
 * only operators and admins download files that are not text.
 */
@Controller
class ArtifactController {

    static final String ARTIFACT_VIEW = "execution/artifact";
    static final long INLINE_LIMIT = 2 * 1024 * 1024;

    private static final int SNIFF = 8192;

    private final RunLauncher runs;

    private final Workspace workspace;

    private final MigrationManagement migrations;

    ArtifactController(RunLauncher runs, Workspace workspace, MigrationManagement migrations) {
        this.runs = runs;
        this.workspace = workspace;
        this.migrations = migrations;
    }

    @GetMapping("/migrations/{id}/artifacts/{artifactId}")
    String view(@PathVariable long id, @PathVariable long artifactId, Model model) throws IOException {
        ArtifactView artifact = artifact(id, artifactId);
        Path file = file(artifact);
        boolean text = Files.exists(file) && isText(file);
        model.addAttribute("migration", migrations.details(id));
        model.addAttribute("artifact", artifact);
        model.addAttribute("present", Files.exists(file));
        model.addAttribute("text",
                text && Files.size(file) <= INLINE_LIMIT ? Files.readString(file, StandardCharsets.UTF_8) : null);
        model.addAttribute("binary", Files.exists(file) && !text);
        return ARTIFACT_VIEW;
    }

    @GetMapping("/migrations/{id}/artifacts/{artifactId}/download")
    ResponseEntity<Resource> download(@PathVariable long id, @PathVariable long artifactId, Actor actor)
            throws IOException {
        ArtifactView artifact = artifact(id, artifactId);
        Path file = file(artifact);
        if (!Files.exists(file)) {
            throw new NotFoundException("The file " + artifact.path() + " is no longer in the working directory");
        }
        boolean text = isText(file);
        if (!text && !actor.hasRole(Role.OPERATOR) && !actor.hasRole(Role.ADMIN)) {
            throw new ForbiddenException("Only operators and admins download " + artifact.path()
                    + ": it is not a text file and may hold the whole database");
        }
        return ResponseEntity.ok()
            .contentType(text ? new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8)
                    : MediaType.APPLICATION_OCTET_STREAM)
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(file.getFileName().toString()).build().toString())
            .header("X-Content-Type-Options", "nosniff")
            .body(new FileSystemResource(file));
    }

    private ArtifactView artifact(long id, long artifactId) {
        return runs.artifacts(id)
            .stream()
            .filter(a -> a.id() == artifactId)
            .findFirst()
            .orElseThrow(() -> new NotFoundException("There is no file " + artifactId + " in this migration"));
    }

    /**
     * The artifact's file, refused when its recorded path (or a link on the way) leads
     * out of the working directory.
     */
    private Path file(ArtifactView artifact) throws IOException {
        Path root = workspace.of(artifact.migrationId()).toRealPath();
        Path file = root.resolve(artifact.path()).normalize();
        Path real = Files.exists(file) ? file.toRealPath() : file;
        if (!file.startsWith(root) || !real.startsWith(root)) {
            throw new ForbiddenException(
                    "The file " + artifact.path() + " lies outside the migration's working directory");
        }
        return real;
    }

    /** Text when its first bytes hold no NUL and decode as UTF-8. */
    static boolean isText(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        }
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(head, 0, trimPartialChar(head)));
            return true;
        }
        catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** The sniffed bytes may end inside a multi-byte character: leave those bytes out. */
    private static int trimPartialChar(byte[] head) {
        int end = head.length;
        int back = 0;
        while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
            return end - back - 1;
        }
        return end;
    }

}
