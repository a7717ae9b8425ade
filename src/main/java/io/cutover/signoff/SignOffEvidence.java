package io.cutover.signoff;

import org.springframework.data.relational.core.mapping.Table;

/** The completion of an evidence step that a sign-off vouches for. */
@Table("SIGN_OFF_EVIDENCE")
record SignOffEvidence(String stepId, long completionId) {
}
