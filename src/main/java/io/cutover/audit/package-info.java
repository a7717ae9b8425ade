/**
 * The append-only audit trail: every state change and every refused attempt, with actor, time and
 * details. Rows are chained by hash and the database refuses UPDATE and DELETE on them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package io.cutover.audit;
