package io.cutover.runbook;

/** Code a manual step asks the team to put in place, shown with its file and language. */
public record Snippet(String file, String language, String text) {
}
