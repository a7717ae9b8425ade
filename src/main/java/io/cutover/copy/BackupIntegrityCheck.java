package io.cutover.copy;

import io.cutover.execution.ArtifactView;
import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.ProcessSpec;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The seed's backup checks, made strict: each backup exists with a size above zero, the
 * custom dump's table of contents reads back (pg_restore --list, objects counted), the
 * gzip file tests sound, and each file's sha256 goes into logs/backup-manifest.txt.
 *
 * <p>
 * Options: {@code customDump}, {@code plainDump} — the artifact kinds to check.
 */
@Component
@StepCheck.Named("backup-integrity")
class BackupIntegrityCheck implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Optional<ArtifactView> custom = DumpRestore.newestDump(ctx);
        Optional<ArtifactView> plain = ctx.newestArtifact(ctx.option("plainDump").orElse("plain-dump"));
        if (custom.isEmpty()) {
            problems.add("no custom-format dump has been taken yet");
        }
        else {
            Path file = ctx.workdir().resolve(custom.get().path());
            Toc toc = Toc.of(ctx, file);
            boolean readable = toc.listing().succeeded() && toc.size() > 0;
            rows.add(
                    row(file, custom.get(), readable ? toc.size() + " objects" : "pg_restore --list failed", readable));
            if (!readable) {
                problems.add(custom.get().path() + " cannot be read back by pg_restore --list");
            }
            check(file, custom.get(), problems);
        }
        if (plain.isEmpty()) {
            problems.add("no plain SQL dump has been taken yet");
        }
        else {
            Path file = ctx.workdir().resolve(plain.get().path());
            ProcessResult gzip = ctx
                .exec(ProcessSpec.of(List.of("gzip", "--test", file.toString()), Duration.ofHours(1)));
            rows.add(row(file, plain.get(), gzip.succeeded() ? "gzip test passed" : "gzip test failed",
                    gzip.succeeded()));
            if (!gzip.succeeded()) {
                problems.add(plain.get().path() + " is not a sound gzip file");
            }
            check(file, plain.get(), problems);
        }
        ResultTable table = new ResultTable(List.of("file", "bytes", "sha256", "contents", "result"), rows);
        Path manifest = ctx.workdir().resolve("logs/backup-manifest.txt");
        Files.writeString(manifest, "Backup manifest\n\n" + table.toText());
        table.rows().forEach(r -> ctx.log().out(String.join("  ", r)));
        boolean ok = problems.isEmpty();
        return new CheckOutcome(ok,
                ok ? "Both backups verified; manifest in logs/backup-manifest.txt"
                        : "Backups not verified: " + String.join("; ", problems),
                table.toJson(), ok ? List.of(new CheckOutcome.Produced("backup-manifest", manifest)) : List.of());
    }

    /** The file on disk must still be the one the dump step recorded. */
    private static void check(Path file, ArtifactView artifact, List<String> problems) throws java.io.IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            problems.add(artifact.path() + " is missing or empty");
        }
        else if (Files.size(file) != artifact.sizeBytes()) {
            problems.add(artifact.path() + " changed size since it was written");
        }
    }

    private static List<String> row(Path file, ArtifactView a, String contents, boolean ok) throws java.io.IOException {
        long size = Files.exists(file) ? Files.size(file) : 0;
        return List.of(a.path(), Long.toString(size), a.sha256(), contents, ok && size > 0 ? "OK" : "FAILED");
    }

}
