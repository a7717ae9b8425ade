/**
 * The append-only audit trail: every state change and every refused attempt, with actor,
 * time and details. Rows are chained by hash and the database refuses UPDATE and DELETE
 * on them.
 */
@ApplicationModule(displayName = "Audit",
        allowedDependencies = { "capture :: events", "downtime :: events", "execution :: events", "freeze :: events",
                "gate :: events", "migration :: events", "security :: events", "shared", "signoff :: events" })
@NullMarked
package io.cutover.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
