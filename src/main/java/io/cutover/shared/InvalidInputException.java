package io.cutover.shared;

import java.util.Map;

/** Input that fails validation; nothing was changed. May name the offending fields. */
public class InvalidInputException extends CutoverException {

    private final Map<String, String> fieldErrors;

    public InvalidInputException(String message) {
        this(message, Map.of());
    }

    public InvalidInputException(String message, Map<String, String> fieldErrors) {
        super(message);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /**
     * Refuses a text longer than {@code max} characters with a 400 that names its field.
     */
    public static void requireAtMost(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(
                    "The " + field + " may be at most " + max + " characters; this one has " + value.length(),
                    Map.of(field, "At most " + max + " characters"));
        }
    }

    /** Field name to message, for forms that show errors beside their inputs. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public int status() {
        return 400;
    }

}
