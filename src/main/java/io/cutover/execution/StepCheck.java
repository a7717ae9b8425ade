package io.cutover.execution;

import org.springframework.modulith.NamedInterface;

/**
 * A built-in check a runbook step can name ({@code kind: check, check: <name>}). Modules
 * that verify or copy data implement it; execution runs it like any step, with a log, a
 * timeout and cancel.
 */
@NamedInterface("spi")
public interface StepCheck {

    /** The name runbooks use. */
    String name();

    CheckOutcome run(CheckContext context) throws Exception;

}
