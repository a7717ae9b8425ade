/**
 * The path of a line of output: redaction, a batched H2 store, a live channel per run,
 * and SSE viewers that replay from the store and then follow the channel. Only this
 * module writes log lines. {@link io.cutover.logstream.LogStream} is the facade.
 */
@ApplicationModule(displayName = "Log stream", allowedDependencies = { "runbook", "secrets" })
@NullMarked
package io.cutover.logstream;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
