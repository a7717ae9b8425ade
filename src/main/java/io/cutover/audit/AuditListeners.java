package io.cutover.audit;

import io.cutover.capture.CaptureStarted;
import io.cutover.capture.CaptureStopped;
import io.cutover.downtime.DowntimeMeasured;
import io.cutover.freeze.FreezeProofJudged;
import io.cutover.freeze.SourceFrozen;
import io.cutover.freeze.SourceUnfrozen;
import io.cutover.execution.RunFinished;
import io.cutover.execution.RunStarted;
import io.cutover.gate.ActionRefused;
import io.cutover.migration.MigrationCreated;
import io.cutover.migration.ParameterCaptured;
import io.cutover.migration.ParameterChangeRefused;
import io.cutover.migration.ParametersChanged;
import io.cutover.migration.StepCompleted;
import io.cutover.migration.StepsVoided;
import io.cutover.security.AccessDenied;
import io.cutover.security.LoginThrottled;
import io.cutover.security.SessionEnded;
import io.cutover.security.UserChanged;
import io.cutover.signoff.GateItemSigned;
import io.cutover.signoff.SignOffRevoked;
import io.cutover.signoff.SignOffVoided;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;

/**
 * Writes one audit entry per event of the other modules. Values of parameters are never
 * written.
 */
@Component
class AuditListeners {

    private final AuditTrail trail;

    AuditListeners(AuditTrail trail) {
        this.trail = trail;
    }

    @ApplicationModuleListener
    void on(MigrationCreated e) {
        trail.append(e.migrationId(), e.actor(), "migration.created",
                "Created migration '" + e.name() + "' from runbook " + e.runbookId());
    }

    @ApplicationModuleListener
    void on(ParametersChanged e) {
        trail.append(e.migrationId(), e.actor(), "parameters.changed",
                "Changed parameters: " + String.join(", ", e.parameterIds()));
    }

    @ApplicationModuleListener
    void on(ParameterCaptured e) {
        trail.append(e.migrationId(), e.actor(), "parameter.captured",
                "Parameter '" + e.parameterId() + "' set from the output of run " + e.runId());
    }

    @ApplicationModuleListener
    void on(RunStarted e) {
        trail.append(e.migrationId(), e.actor(), "run.started",
                "Started run " + e.runId() + " of step '" + e.stepId() + "'");
    }

    @ApplicationModuleListener
    void on(RunFinished e) {
        trail.append(e.migrationId(), e.actor(), "run.finished",
                "Run " + e.runId() + " of step '" + e.stepId() + "' ended " + e.status()
                        + (e.exitCode() == null ? "" : " (exit " + e.exitCode() + ")")
                        + (e.message() == null ? "" : ": " + e.message()));
    }

    @ApplicationModuleListener
    void on(StepCompleted e) {
        String how = e.runId() == null ? "marked done" : "completed by run " + e.runId();
        trail.append(e.migrationId(), e.actor(), "step.completed",
                "Step '" + e.stepId() + "' (phase '" + e.phaseId() + "') " + how);
    }

    @ApplicationModuleListener
    void on(StepsVoided e) {
        trail.append(e.migrationId(), e.actor(), "step.voided",
                "Steps " + String.join(", ", e.stepIds()) + " no longer count as done: " + e.reason());
    }

    @ApplicationModuleListener
    void on(GateItemSigned e) {
        trail.append(e.migrationId(), e.actor(), "signoff.signed", "Signed '" + e.itemId() + "' of checklist '"
                + e.gateId() + "'" + (e.comment() == null ? "" : ": " + e.comment()));
    }

    @ApplicationModuleListener
    void on(SignOffRevoked e) {
        trail.append(e.migrationId(), e.actor(), "signoff.revoked", "Revoked " + e.signedBy() + "'s sign-off on '"
                + e.itemId() + "' of checklist '" + e.gateId() + "': " + e.reason());
    }

    @ApplicationModuleListener
    void on(SignOffVoided e) {
        trail.append(e.migrationId(), "system", "signoff.voided",
                "Voided " + e.signedBy() + "'s sign-off on '" + e.itemId() + "': " + e.reason());
    }

    /**
     * Synchronous: the refused action's own transaction rolls back, its record must not.
     */
    @EventListener
    void on(ActionRefused e) {
        trail.append(e.migrationId(), e.actor(), "action.refused",
                "Refused to " + e.action() + " '" + e.target() + "': " + e.reason());
    }

    /**
     * Synchronous, like other refusals: the change's transaction rolls back, its record
     * must not.
     */
    @EventListener
    void on(ParameterChangeRefused e) {
        trail.append(e.migrationId(), e.actor(), "action.refused",
                "Refused to change parameters '" + String.join(", ", e.parameterIds()) + "': " + e.reason());
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent e) {
        String name = String.valueOf(e.getAuthentication().getName());
        trail.append(null, name.length() > 100 ? name.substring(0, 100) : name, "login.failed",
                "Login failed: " + e.getException().getMessage());
    }

    @EventListener
    void on(AccessDenied e) {
        trail.append(null, e.username(), "access.denied", "Role does not allow " + e.method() + " " + e.path());
    }

    @EventListener
    void on(LoginThrottled e) {
        trail.append(null, e.kind().equals("user") ? e.key() : "anonymous", "login.throttled", "Logins refused for "
                + e.kind() + " '" + e.key() + "' until " + e.until() + " after " + e.failures() + " failures");
    }

    @EventListener
    void on(SessionEnded e) {
        trail.append(null, e.username(), "session.ended",
                "Session ended at " + e.path() + ": the account was disabled or its roles changed");
    }

    @ApplicationModuleListener
    void on(UserChanged e) {
        trail.append(null, e.actor(), "user.changed", "User '" + e.username() + "' " + e.change());
    }

    @ApplicationModuleListener
    void on(DowntimeMeasured e) {
        trail.append(e.migrationId(), "system", "downtime.measured", "Downtime measured: "
                + e.duration().toMillis() / 1000.0 + " s from writes stopped to the first HTTP 200 of " + e.siteUrl());
    }

    @ApplicationModuleListener
    void on(SourceFrozen e) {
        trail.append(e.migrationId(), "system", "freeze.frozen",
                "Froze the source at " + e.lsn() + ": blocked "
                        + (e.blockedRoles().isEmpty() ? "no role" : String.join(", ", e.blockedRoles())) + "; ended "
                        + (e.endedSessions().isEmpty() ? "no session" : String.join(", ", e.endedSessions())));
    }

    @ApplicationModuleListener
    void on(FreezeProofJudged e) {
        trail.append(e.migrationId(), "system", e.holds() ? "freeze.proven" : "freeze.proof-failed",
                (e.holds() ? "Freeze proof passed: " : "Freeze proof failed: ") + e.verdict());
    }

    @ApplicationModuleListener
    void on(SourceUnfrozen e) {
        String roles = e.roles().isEmpty() ? "no role was blocked" : String.join(", ", e.roles()) + " log in again";
        trail.append(e.migrationId(), "system",
                e.differences().isEmpty() ? "freeze.unfrozen" : "freeze.unfreeze-incomplete",
                e.differences().isEmpty() ? "Unfroze the source: " + roles + ", exactly as before the freeze"
                        : "Unfreeze left the source not as before the freeze: " + String.join("; ", e.differences()));
    }

    @ApplicationModuleListener
    void on(CaptureStarted e) {
        trail.append(e.migrationId(), "system", "capture.started",
                "Started capturing the cluster's changes on " + e.tables() + " tables for a rollback");
    }

    @ApplicationModuleListener
    void on(CaptureStopped e) {
        trail.append(e.migrationId(), "system", "capture.stopped", "Stopped capturing on " + e.tables() + " tables ("
                + e.why() + "; " + e.changes() + " changes captured)");
    }

}
