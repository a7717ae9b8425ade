package io.cutover.migration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A migration with its parameters as they may be shown (secrets masked). */
public record MigrationDetails(long id, String name, String runbookId, int runbookVersion, String createdBy,
        Instant createdAt, List<ParameterView> parameters) {

    public Optional<ParameterView> parameter(String id) {
        return parameters.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The shown value of a parameter, or empty. */
    public String display(String id) {
        return parameter(id).map(ParameterView::display).orElse("");
    }
}
