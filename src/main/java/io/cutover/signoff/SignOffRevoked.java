package io.cutover.signoff;

/** Published when an approver withdraws a sign-off. */
public record SignOffRevoked(long migrationId, long signOffId, String gateId, String itemId, String signedBy, String actor, String reason) {}
