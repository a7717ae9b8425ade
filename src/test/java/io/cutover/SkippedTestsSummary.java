package io.cutover;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One line at the end of the run listing every test skipped for a missing tool, and why
 * (registered in META-INF/services, so every JUnit run has it).
 */
public class SkippedTestsSummary implements TestExecutionListener {

    private final Map<String, String> skipped = new ConcurrentSkipListMap<>();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        result.getThrowable().filter(OptionalTool.MissingTool.class::isInstance)
                .ifPresent(t -> skipped.put(test.getDisplayName(), t.getMessage()));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!skipped.isEmpty()) {
            String summary = "Skipped for missing tools (" + skipped.size() + "): " + String.join("; ", skipped.values());
            System.out.println(summary);
            System.err.println(summary);
        }
    }
}
