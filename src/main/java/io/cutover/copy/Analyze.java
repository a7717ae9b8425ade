package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.migration.ExecutionValues;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * The seed's "update statistics": fresh planner statistics, so the first queries get good
 * plans.
 */
final class Analyze {

    private Analyze() {
    }

    static void run(CheckContext ctx, ExecutionValues.Connection target) throws java.sql.SQLException {
        long started = System.nanoTime();
        try (Connection c = PgSession.open(target, Duration.ofSeconds(10)); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
        ctx.log().system("ANALYZE done in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

}
