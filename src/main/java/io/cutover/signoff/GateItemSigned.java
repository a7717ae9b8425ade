package io.cutover.signoff;

/** Published when an approver signs a checklist item. */
public record GateItemSigned(long migrationId, long signOffId, String gateId, String itemId, String actor, String comment) {}
