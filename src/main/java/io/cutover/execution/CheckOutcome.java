package io.cutover.execution;

import java.nio.file.Path;
import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * How a check ended.
 *
 * @param resultJson a table for the run page ({"columns":[...],"rows":[[...]]}), or null
 * @param produced files written into the working directory, recorded as artifacts of
 * these kinds
 */
@NamedInterface("spi")
public record CheckOutcome(boolean success, String message, String resultJson, List<Produced> produced) {

    public CheckOutcome {
        produced = produced == null ? List.of() : List.copyOf(produced);
    }

    public static CheckOutcome passed(String message) {
        return new CheckOutcome(true, message, null, List.of());
    }

    public static CheckOutcome failed(String message) {
        return new CheckOutcome(false, message, null, List.of());
    }

    /**
     * The same outcome told differently: a step that verified after copying says what it
     * copied first.
     */
    public CheckOutcome withMessage(String text) {
        return new CheckOutcome(success, text, resultJson, produced);
    }

    public CheckOutcome withResult(String json) {
        return new CheckOutcome(success, message, json, produced);
    }

    public CheckOutcome withProduced(String kind, Path file) {
        List<Produced> more = new java.util.ArrayList<>(produced);
        more.add(new Produced(kind, file));
        return new CheckOutcome(success, message, resultJson, more);
    }

    /** A file of a given artifact kind. */
    public record Produced(String kind, Path file) {
    }
}
