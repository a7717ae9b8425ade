package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.ProcessSpec;
import io.cutover.migration.ExecutionValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * pgcopydb clone: COPY streams table by table from source to target with no intermediate
 * files, indexes built concurrently. Its progress ({@code pgcopydb list progress --json})
 * is logged while it runs. Passwords reach it through the run's passfile like every libpq
 * tool.
 */
@Component
class PgCopyDbEngine implements CopyEngine {

    private static final Pattern DONE = Pattern
        .compile("\"(tables|indexes)\"\\s*:\\s*\\{\\s*\"total\"\\s*:\\s*(\\d+)\\s*,\\s*\"done\"\\s*:\\s*(\\d+)");

    @Override
    public String name() {
        return "pgcopydb";
    }

    @Override
    public boolean available(CheckContext ctx) throws InterruptedException {
        return ctx.exec(ProcessSpec.of(List.of("pgcopydb", "--version"), Duration.ofSeconds(30)).quietly()).succeeded();
    }

    /** pgcopydb runs VACUUM ANALYZE on each table once its indexes are built. */
    @Override
    public boolean analyzes() {
        return true;
    }

    @Override
    public ProcessResult copy(CheckContext ctx, ExecutionValues.Connection source, ExecutionValues.Connection target,
            int jobs) throws Exception {
        // pgcopydb keeps its work files under $TMPDIR/pgcopydb, which is also where "list
        // progress" looks.
        // In work/, never backups/: upload-backups must not copy a half-done copy's
        // files.
        Path tmp = Files.createDirectories(ctx.workdir().resolve("work/pgcopydb-" + ctx.timestamp()));
        Map<String, String> env = Map.of("TMPDIR", tmp.toString());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread poller = new Thread(() -> pollProgress(ctx, source, env, running), "pgcopydb-progress-" + ctx.runId());
        poller.setDaemon(true);
        poller.start();
        ProcessResult result = null;
        try {
            result = ctx
                .exec(ProcessSpec
                    .of(List.of("pgcopydb", "clone", "--source", source.url().withoutPassword(), "--target",
                            target.url().withoutPassword(), "--table-jobs", Integer.toString(jobs), "--index-jobs",
                            Integer.toString(jobs), "--no-owner", "--no-acl"), Duration.ofHours(6))
                    .withEnvironment(env));
            return result;
        }
        finally {
            running.set(false);
            poller.interrupt();
            // Kept after a failure (moved to partial/ when the run ends): its logs and
            // state files say how far it got.
            if (result != null && result.succeeded()) {
                WorkFiles.deleteTree(tmp, ctx.log());
            }
        }
    }

    private static void pollProgress(CheckContext ctx, ExecutionValues.Connection source, Map<String, String> env,
            AtomicBoolean running) {
        String last = "";
        while (running.get()) {
            try {
                Thread.sleep(3000);
                StringBuilder json = new StringBuilder();
                ctx.exec(ProcessSpec
                    .of(List.of("pgcopydb", "list", "progress", "--source", source.url().withoutPassword(), "--json"),
                            Duration.ofSeconds(20))
                    .withEnvironment(env)
                    .withStdoutLines(json::append, false)
                    .quietly());
                String progress = summary(json.toString());
                if (!progress.isEmpty() && !progress.equals(last) && running.get()) {
                    ctx.log().system("progress " + progress);
                    last = progress;
                }
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    static String summary(String json) {
        StringBuilder out = new StringBuilder();
        Matcher m = DONE.matcher(json);
        while (m.find()) {
            out.append(out.isEmpty() ? "" : ", ")
                .append(m.group(1))
                .append(' ')
                .append(m.group(3))
                .append('/')
                .append(m.group(2));
        }
        return out.toString();
    }

}
