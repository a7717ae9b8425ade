package io.cutover.runbook;

/** The database connection a SQL step runs against. */
public enum SqlTarget {

    SOURCE, TARGET

}
