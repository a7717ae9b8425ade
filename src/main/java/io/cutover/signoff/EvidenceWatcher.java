package io.cutover.signoff;

import io.cutover.migration.StepCompleted;
import io.cutover.migration.StepsVoided;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Voids sign-offs when the step they attest is done again or stops counting as done, or
 * when their signer does the work they approve.
 */
@Component
class EvidenceWatcher {

    private final SignOffs signOffs;

    EvidenceWatcher(SignOffs signOffs) {
        this.signOffs = signOffs;
    }

    @ApplicationModuleListener
    void on(StepCompleted event) {
        signOffs.voidStaleAttestations(event.migrationId(), event.stepId(), event.completionId(), event.actor());
    }

    @ApplicationModuleListener
    void on(StepsVoided event) {
        event.stepIds()
            .forEach(step -> signOffs.voidAttestationsOf(event.migrationId(), step,
                    "Step '" + step + "' no longer counts as done: " + event.reason()));
    }

    @ApplicationModuleListener
    void on(DutiesCrossed event) {
        signOffs.voidCrossedDuties(event.migrationId(), event.signOffIds(), event.stepId(), event.reason());
    }

}
