package io.cutover.execution;

/**
 * A run that cannot go on, with a message for the operator (unset parameter, missing
 * tool).
 */
class StepFailure extends RuntimeException {

    StepFailure(String message) {
        super(message);
    }

}
