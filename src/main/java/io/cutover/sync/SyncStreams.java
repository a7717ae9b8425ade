package io.cutover.sync;

import io.cutover.execution.RunLauncher;
import io.cutover.execution.RunStatus;
import io.cutover.execution.RunView;
import io.cutover.migration.MigrationManagement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The sync module's facade: a migration's stream, its live status, and what each strategy
 * would cost in downtime.
 */
@Service
public class SyncStreams {

    private final SyncStreamRepository streams;

    private final LagMonitor monitor;

    private final MigrationManagement migrations;

    private final RunLauncher runs;

    private final SyncConnections connections;

    private final LagSamples lagSamples;

    private final VerificationPasses passes;

    SyncStreams(SyncStreamRepository streams, LagMonitor monitor, MigrationManagement migrations, RunLauncher runs,
            SyncConnections connections, LagSamples lagSamples, VerificationPasses passes) {
        this.lagSamples = lagSamples;
        this.passes = passes;
        this.streams = streams;
        this.monitor = monitor;
        this.migrations = migrations;
        this.runs = runs;
        this.connections = connections;
    }

    public Optional<SyncStream> stream(long migrationId) {
        return streams.find(migrationId);
    }

    /** The latest sample; unknown migrations are refused (404). */
    public SyncStatus status(long migrationId) {
        migrations.details(migrationId);
        SyncStatus status = monitor.status(migrationId);
        return passes.status(migrationId).map(status::with).orElse(status);
    }

    /**
     * The live stream's lag over the chart's window, ending at the status the page shows,
     * or null when the stream has ended or never started.
     */
    public LagChart lagChart(long migrationId, SyncStatus shown) {
        return lagSamples.chart(migrationId, shown);
    }

    /** Whether the migration's strategy is continuous sync. */
    public boolean continuous(long migrationId) {
        return connections.continuous(migrationId);
    }

    public DowntimeForecast forecast(long migrationId) {
        Map<String, RunView> ok = runs.forMigration(migrationId)
            .stream()
            .filter(r -> r.status() == RunStatus.SUCCEEDED && r.endedAt() != null)
            .collect(Collectors.toMap(RunView::stepId, Function.identity(), (a, b) -> a.id() > b.id() ? a : b));
        return new DowntimeForecast(fullRedump(ok), continuous(ok, status(migrationId)));
    }

    private static DowntimeForecast.Estimate fullRedump(Map<String, RunView> ok) {
        if (ok.containsKey("final-sync")) {
            return new DowntimeForecast.Estimate(ok.get("final-sync").elapsed(),
                    "the final sync measured in this migration");
        }
        List<String> parts = new ArrayList<>();
        Duration total = Duration.ZERO;
        for (String step : List.of("dump-custom", "restore", "verify")) {
            if (ok.containsKey(step)) {
                total = total.plus(ok.get(step).elapsed());
                parts.add(step + " " + seconds(ok.get(step).elapsed()));
            }
        }
        if (!ok.containsKey("restore")) {
            return new DowntimeForecast.Estimate(null,
                    "not measured yet: the data migration phase's restore measures it");
        }
        return new DowntimeForecast.Estimate(total,
                "a full dump, restore and verification, measured in this migration (" + String.join(", ", parts)
                        + "); the final sync copies uncompressed in parallel, usually faster");
    }

    private static DowntimeForecast.Estimate continuous(Map<String, RunView> ok, SyncStatus status) {
        Optional<RunView> verification = Optional.ofNullable(ok.get("sync-verify"))
            .or(() -> Optional.ofNullable(ok.get("verify")));
        if (verification.isEmpty()) {
            return new DowntimeForecast.Estimate(null,
                    "not measured yet: a verification of the copy measures most of it");
        }
        Duration drain = Optional.ofNullable(ok.get("sync-drain")).map(RunView::elapsed).orElse(Duration.ofSeconds(1));
        String drainBasis = ok.containsKey("sync-drain") ? "drain " + seconds(drain) + " measured"
                : "drain about 1 s once caught up";
        if (status.backlog() != null && status.backlog().etaSeconds() != null) {
            drain = Duration.ofMillis((long) (status.backlog().etaSeconds() * 1000));
            drainBasis = "drain " + seconds(drain) + " for the backlog right now";
        }
        Duration sequences = Optional.ofNullable(ok.get("sync-sequences"))
            .map(RunView::elapsed)
            .orElse(Duration.ofMillis(200));
        Duration total = drain.plus(sequences).plus(verification.get().elapsed());
        return new DowntimeForecast.Estimate(total, drainBasis + ", sequences " + seconds(sequences) + ", verification "
                + seconds(verification.get().elapsed()) + " (measured in this migration)");
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

}
