package io.cutover.signoff;

/** Published when a sign-off stops counting because the step it attests was done again. */
public record SignOffVoided(long migrationId, long signOffId, String gateId, String itemId, String signedBy, String stepId, String reason) {}
