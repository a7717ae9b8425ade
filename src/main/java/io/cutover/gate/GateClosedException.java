package io.cutover.gate;

import io.cutover.shared.ConflictException;

/** An action in a phase (or on a checklist) that the gate rule does not allow yet. */
public class GateClosedException extends ConflictException {

    public GateClosedException(String message) {
        super(message);
    }

}
