package io.cutover.sandbox;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A sandbox that cannot start for a missing tool says so in one line, without a stack
 * trace.
 */
class SandboxStartFailure extends AbstractFailureAnalyzer<SandboxTools.MissingClientTools> {

    @Override
    protected FailureAnalysis analyze(Throwable root, SandboxTools.MissingClientTools cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Install the PostgreSQL client tools, then start the sandbox again.", cause);
    }

}
