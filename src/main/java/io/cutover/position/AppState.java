package io.cutover.position;

/** Where the app is, as the guards of destructive steps read it. */
public enum AppState {

    ON_FLEX("App on Flex"), STOPPED("App stopped"), ON_MPG("App on MPG"), ROLLED_BACK("Rolled back to Flex"),
    /** On the cluster with the cutover verified (the phase after the cutover is done). */
    FINAL("Final: app on MPG, cutover verified"), DECOMMISSIONED("Decommissioned");

    private final String label;

    AppState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
