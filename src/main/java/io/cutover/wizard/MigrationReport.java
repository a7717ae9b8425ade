package io.cutover.wizard;

import io.cutover.downtime.DowntimeView;
import io.cutover.execution.ArtifactView;
import io.cutover.execution.RunView;
import io.cutover.migration.MigrationDetails;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything an auditor or a post-mortem needs of one migration, as the report page shows
 * it and the JSON bundle carries it. Secrets never appear: parameters are shown as the
 * pages show them (masked), commands as they were started (masked).
 *
 * @param auditHead the hash of the newest audit entry: anyone holding the bundle can
 * check the trail has not changed since
 */
public record MigrationReport(Instant generatedAt, MigrationDetails migration, List<PhaseLine> phases,
        List<RunLine> runs, List<SignOffLine> signOffs, List<DowntimeView> downtime, List<ArtifactView> artifacts,
        Timeline timeline, int auditEntries, String auditHead, boolean auditChainIntact) {

    public record PhaseLine(String id, String title, String state, int stepsDone, int steps) {
    }

    /** A run with its step's title and, for SQL steps and checks, its result table. */
    public record RunLine(RunView run, String stepTitle, String phaseTitle, ResultRows result) {
    }

    /**
     * @param evidenceRuns step id to the run whose success the sign-off vouches for (null
     * for a step done by hand)
     */
    public record SignOffLine(String gateTitle, String itemText, String signedBy, String role, Instant signedAt,
            String comment, Map<String, Long> evidenceRuns, String standing) {
    }
}
