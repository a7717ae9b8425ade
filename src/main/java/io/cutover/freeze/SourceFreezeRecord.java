package io.cutover.freeze;

import java.time.Instant;
import java.util.List;

/**
 * What the panel keeps of a freeze: enough to prove it later and to undo it exactly, even
 * after a restart.
 */
record SourceFreezeRecord(long migrationId, FreezeState state, String panelRole, String slot, FreezePoint point,
        List<RoleState> roles, List<EndedSession> sessions, String grantsDigest, Instant frozenAt, String proof,
        Instant provenAt, Instant unfrozenAt) {

    boolean holding() {
        return state != FreezeState.UNFROZEN;
    }

    List<String> roleNames() {
        return roles.stream().map(RoleState::name).toList();
    }
}
