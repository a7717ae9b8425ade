package io.cutover.runbook;

/** Runbooks for tests that need one without a Spring context. */
public final class TestRunbooks {

    private TestRunbooks() {
    }

    /** The shipped Flex to MPG runbook. */
    public static Runbook seed() {
        return load("runbooks/flex-to-mpg.yaml");
    }

    /** The small manual-only runbook of test-runbooks/gated.yaml. */
    public static Runbook gated() {
        return load("test-runbooks/gated.yaml");
    }

    private static Runbook load(String path) {
        return new RunbookLoader().load(path, TestRunbooks.class.getClassLoader().getResourceAsStream(path));
    }

}
