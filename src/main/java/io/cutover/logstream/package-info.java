/**
 * The path of a line of output: redaction, a batched H2 store, a live channel per run, and SSE
 * viewers that replay from the store and then follow the channel. Only this module writes log lines.
 * {@link io.cutover.logstream.LogStream} is the facade.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Log stream")
package io.cutover.logstream;
