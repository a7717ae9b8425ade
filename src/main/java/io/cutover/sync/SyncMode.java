package io.cutover.sync;

/** Who applies the changes on the target. */
public enum SyncMode {

    /** The target's own logical replication subscription (its role may create one). */
    NATIVE,
    /**
     * The panel decodes the source's pgoutput stream and applies it with ordinary DML.
     */
    PANEL

}
