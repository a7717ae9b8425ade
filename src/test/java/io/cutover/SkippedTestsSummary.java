package io.cutover;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One line at the end of the run listing every test skipped for a missing tool, and why
 * (registered in META-INF/services, so every JUnit run has it). Surefire sends what tests
 * print to their report files; the summary goes to the forked JVM's own stderr, which
 * reaches the build's console.
 */
public class SkippedTestsSummary implements TestExecutionListener {

    private final Map<String, String> skipped = new ConcurrentSkipListMap<>();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        result.getThrowable()
            .filter(OptionalTool.MissingTool.class::isInstance)
            .ifPresent(t -> skipped.put(test.getDisplayName(), t.getMessage()));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!skipped.isEmpty()) {
            String summary = "Skipped for missing tools (" + skipped.size() + "): "
                    + String.join("; ", skipped.values());
            console(summary);
        }
    }

    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    /**
     * To the console of the build, past Surefire's capture of System.out and System.err.
     */
    static void console(String line) {
        CONSOLE.println(line);
    }

}
