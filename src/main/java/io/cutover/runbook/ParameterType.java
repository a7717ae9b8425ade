package io.cutover.runbook;

/** How a parameter is entered, validated, stored and shown. */
public enum ParameterType {

    /** Free text such as an app name or region. */
    TEXT,
    /** A whole number such as a volume size in GB. */
    NUMBER,
    /** Write-only: encrypted at rest, never shown, never placed in a child's argv. */
    SECRET,
    /** An http(s) address such as the site to probe. */
    URL,
    /**
     * A PostgreSQL connection URL. Its password is split off, encrypted and handed to
     * child processes through a passfile; templates render the URL without it.
     */
    CONNECTION

}
