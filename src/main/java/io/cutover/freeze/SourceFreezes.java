package io.cutover.freeze;

import io.cutover.migration.ExecutionValues;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The freeze module's facade: freeze the source, prove nothing was written after,
 * unfreeze it exactly.
 */
@Service
public class SourceFreezes {

    private final SourceFreezeRepository freezes;

    private final FreezeWatch watch;

    private final FreezeProperties properties;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate inTransaction;

    SourceFreezes(SourceFreezeRepository freezes, FreezeWatch watch, FreezeProperties properties, Clock clock,
            ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.events = events;
        this.inTransaction = new TransactionTemplate(transactions);
        this.freezes = freezes;
        this.watch = watch;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What the wizard shows of a migration's freeze; empty when the source was never
     * frozen.
     */
    public Optional<FreezeSummary> summary(long migrationId) {
        return freezes.find(migrationId)
            .map(r -> new FreezeSummary(r.state(), r.frozenAt(), r.point().lsn(),
                    r.roles().stream().map(role -> role.name() + " (" + role.reason() + ")").toList(),
                    r.sessions().size(), sessions(r), r.proof(), r.unfrozenAt()));
    }

    /**
     * A migration's freeze for the wizard and the API.
     *
     * @param sessions the sessions the freeze ended, as "role/application from client on
     * database (pid)"
     */
    public record FreezeSummary(FreezeState state, java.time.Instant frozenAt, String lsn, List<String> blockedRoles,
            int endedSessions, List<String> sessions, String proof, java.time.Instant unfrozenAt) {

        /** "passed", "failed", or null when the proof has not run since this freeze. */
        public String proofResult() {
            if (proof == null) {
                return null;
            }
            return state == FreezeState.PROVEN || state == FreezeState.UNFROZEN && proof.startsWith(PASSED) ? "passed"
                    : "failed";
        }
    }

    private static final String PASSED = "Nothing was committed on the source after the freeze";

    private static List<String> sessions(SourceFreezeRecord r) {
        return r.sessions()
            .stream()
            .map(s -> s.role() + "/" + s.application() + " from " + s.client() + " on " + s.database() + " (pid "
                    + s.pid() + ")")
            .toList();
    }

    /**
     * Saved and announced in one transaction, so the audit trail (which listens after
     * commit) hears of it.
     */
    private void saveAndPublish(SourceFreezeRecord record, Object event) {
        inTransaction.executeWithoutResult(status -> {
            freezes.save(record);
            events.publishEvent(event);
        });
    }

    SourceFreezeRecord freeze(long migrationId, ExecutionValues.Connection source, Consumer<String> log)
            throws SQLException {
        java.time.Instant started = clock.instant();
        Optional<SourceFreezeRecord> earlier = freezes.find(migrationId).filter(SourceFreezeRecord::holding);
        try (Connection c = open(source)) {
            String grants = earlier.map(SourceFreezeRecord::grantsDigest).orElse(SourceFreeze.grants(c));
            List<String> already = earlier.map(SourceFreezeRecord::roleNames).orElse(List.of());
            if (earlier.isPresent()) {
                log.accept("The source is already frozen since " + earlier.get().frozenAt()
                        + "; blocking again and taking a new freeze position");
                SourceFreeze.dropSlot(c, earlier.get().slot(), log);
            }
            // Slot names are server-wide: another panel's migration (or this one's
            // earlier freeze) may hold the plain name.
            String slot = decodable(c) ? "cutover_freeze_" + migrationId + "_"
                    + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8) : null;
            SourceFreeze.Frozen frozen = SourceFreeze.apply(c, slot, "migration " + migrationId, already, log);
            List<RoleState> roles = new ArrayList<>(earlier.map(SourceFreezeRecord::roles).orElse(List.of()));
            roles.addAll(frozen.blocked());
            List<EndedSession> sessions = new ArrayList<>(earlier.map(SourceFreezeRecord::sessions).orElse(List.of()));
            sessions.addAll(frozen.ended());
            SourceFreezeRecord record = new SourceFreezeRecord(migrationId, FreezeState.FROZEN, frozen.panelRole(),
                    frozen.slot(), frozen.point(), roles, sessions, grants, clock.instant(), null, null, null);
            saveAndPublish(record, new SourceFrozen(migrationId, record.point().lsn(), record.roleNames(),
                    sessions(record), started, record.frozenAt()));
            watch.start(migrationId, source);
            return record;
        }
    }

    /**
     * Runs the proof against the migration's freeze and records its verdict; the decoding
     * slot goes once it holds.
     */
    ProofVerdict prove(long migrationId, ExecutionValues.Connection source, Consumer<String> log) throws SQLException {
        java.time.Instant started = clock.instant();
        SourceFreezeRecord record = freezes.find(migrationId)
            .filter(SourceFreezeRecord::holding)
            .orElseThrow(() -> new IllegalStateException(
                    "The source is not frozen: run 'Freeze the source' right after the app is stopped"));
        boolean watched = watch.running(migrationId);
        try (Connection c = open(source)) {
            FreezeProof.Result result = FreezeProof.check(c, record.point(), record.slot(), watch.seen(migrationId));
            String verdict = result.holds() ? PASSED + " at " + record.point().lsn() : "Written after the freeze at "
                    + record.point().lsn() + ": " + String.join("; ", result.writes())
                    + (result.writers().isEmpty() ? (watched ? "; no session other than the panel's was seen"
                            : "; the panel restarted since the freeze, so it saw no sessions before the restart")
                            : "; by " + String.join(", ", result.writers()));
            if (result.holds()) {
                SourceFreeze.dropSlot(c, record.slot(), log);
                watch.stop(migrationId);
            }
            java.time.Instant proven = clock.instant();
            saveAndPublish(
                    new SourceFreezeRecord(migrationId, result.holds() ? FreezeState.PROVEN : FreezeState.REFUSED,
                            record.panelRole(), result.holds() ? null : record.slot(), record.point(), record.roles(),
                            record.sessions(), record.grantsDigest(), record.frozenAt(), verdict, proven, null),
                    new FreezeProofJudged(migrationId, result.holds(), verdict, started, proven));
            return new ProofVerdict(result, verdict, record);
        }
    }

    record ProofVerdict(FreezeProof.Result result, String message, SourceFreezeRecord freeze) {
    }

    /**
     * Gives every blocked role its login back and checks attributes and grants are as
     * before the freeze; empty when there was no freeze.
     */
    Optional<List<String>> unfreeze(long migrationId, ExecutionValues.Connection source, Consumer<String> log)
            throws SQLException {
        Optional<SourceFreezeRecord> found = freezes.find(migrationId).filter(SourceFreezeRecord::holding);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SourceFreezeRecord r = found.get();
        watch.stop(migrationId);
        try (Connection c = open(source)) {
            SourceFreeze.lift(c, r.roles(), r.slot(), log);
            List<String> differences = new ArrayList<>(SourceFreeze.notRestored(c, r.roles()));
            if (!SourceFreeze.grants(c).equals(r.grantsDigest())) {
                differences
                    .add("the grants on the database, its schemas, tables or sequences differ from before the freeze");
            }
            if (differences.isEmpty()) {
                saveAndPublish(new SourceFreezeRecord(migrationId, FreezeState.UNFROZEN, r.panelRole(), null, r.point(),
                        r.roles(), r.sessions(), r.grantsDigest(), r.frozenAt(), r.proof(), r.provenAt(),
                        clock.instant()), new SourceUnfrozen(migrationId, r.roleNames(), differences));
            }
            else {
                inTransaction.executeWithoutResult(status -> events
                    .publishEvent(new SourceUnfrozen(migrationId, r.roleNames(), List.copyOf(differences))));
            }
            return Optional.of(differences);
        }
    }

    Optional<SourceFreezeRecord> find(long migrationId) {
        return freezes.find(migrationId);
    }

    private Connection open(ExecutionValues.Connection source) throws SQLException {
        return PgSession.open(source, properties.connectTimeout(), Map.of("ApplicationName", "cutover-freeze"));
    }

    /** A decoding slot needs wal_level = logical and a role that may create one. */
    private static boolean decodable(Connection c) throws SQLException {
        return "logical".equals(SourceFreeze.scalar(c, "SHOW wal_level")) && "t".equals(SourceFreeze
            .scalar(c, "SELECT (rolsuper OR rolreplication)::text FROM pg_roles WHERE rolname = current_user")
            .substring(0, 1));
    }

}
