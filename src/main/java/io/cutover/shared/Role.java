package io.cutover.shared;

/** What a user may do in the panel. Every role may read everything and watch logs. */
public enum Role {

    /** Reads everything and watches live logs. */
    VIEWER,
    /** Runs steps and marks manual steps done. */
    OPERATOR,
    /** Signs and revokes checklist items. */
    APPROVER,
    /** Creates migrations, edits their parameters and manages users. */
    ADMIN

}
