package io.cutover.signoff;

import org.springframework.modulith.NamedInterface;

/** Published when an approver signs a checklist item. */
@NamedInterface("events")
public record GateItemSigned(long migrationId, long signOffId, String gateId, String itemId, String actor,
        String comment) {
}
