package io.cutover.runbook;

/**
 * What a step can destroy or overwrite, so the panel can refuse it when the migration's
 * present state makes that dangerous.
 */
public enum Harm {

    /** The target database's contents (a restore, a copy, the final sync). */
    TARGET("the target's contents"),
    /** The Flex app and its database (decommission). */
    SOURCE("the Flex app"),
    /** The running site: the step stops or restarts the app (downtime starts or ends). */
    SITE("the running site");

    private final String label;

    Harm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
