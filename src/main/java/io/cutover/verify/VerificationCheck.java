package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import org.springframework.stereotype.Component;

/**
 * Source and target side by side: exact row count and content checksum of every table,
 * and the schema compared object by object. Every difference is named; the report is kept
 * in verification/ ({@link ReportFiles}). The step fails on any difference that could
 * mean lost or changed data.
 */
@Component
@StepCheck.Named("verification")
class VerificationCheck implements StepCheck {

    private final Verifier verifier;

    VerificationCheck(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        return verifier.verifyAndReport(ctx);
    }

}
