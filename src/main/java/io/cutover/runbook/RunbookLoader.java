package io.cutover.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a runbook YAML document and validates it; the source name appears in every error.
 */
final class RunbookLoader {

    private final ObjectMapper yaml = YAMLMapper.builder()
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();

    Runbook load(String source, InputStream in) {
        Runbook parsed;
        try (in) {
            parsed = yaml.readValue(in, Runbook.class);
        }
        catch (JacksonException e) {
            throw new RunbookInvalidException(source, List.of(e.getOriginalMessage() + locationOf(e)));
        }
        catch (IOException e) {
            throw new RunbookInvalidException(source, List.of("cannot be read: " + e.getMessage()));
        }
        if (parsed == null) {
            throw new RunbookInvalidException(source, List.of("is empty"));
        }
        Runbook runbook = new Runbook(parsed.id(), parsed.version(), parsed.title(), parsed.summary(), source,
                parsed.parameters(), parsed.plans(), parsed.storagePricePerGb(), parsed.phases(), parsed.flows(),
                parsed.connections(), parsed.troubleshooting());
        RunbookValidator.validate(runbook);
        return runbook;
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", path " + e.getPathReference() + ")";
    }

}
