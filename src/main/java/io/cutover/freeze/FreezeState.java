package io.cutover.freeze;

/** Where a migration's freeze of the source stands. */
public enum FreezeState {

    /** Writers are blocked; the proof has not run or has not passed yet. */
    FROZEN,
    /** The proof passed: nothing was committed on the source after the freeze. */
    PROVEN,
    /** The proof found a write after the freeze: the switch is refused. */
    REFUSED,
    /** Every blocked role logs in again as before. */
    UNFROZEN

}
