package io.cutover.wizard;

import io.cutover.migration.MigrationDetails;
import io.cutover.migration.ParameterView;
import io.cutover.runbook.ParameterType;
import io.cutover.runbook.Template;
import io.cutover.secrets.SecretRedactor;
import java.util.function.Function;

/**
 * Values for rendering a step for people: parameters as stored (connections without
 * password), secrets as a mask, and names in angle brackets for what is only known when
 * the step runs.
 */
final class DisplayValues implements Function<String, String> {

    private final MigrationDetails details;

    DisplayValues(MigrationDetails details) {
        this.details = details;
    }

    @Override
    public String apply(String name) {
        if (name.startsWith(Template.ARTIFACT_PREFIX)) {
            return "<newest " + name.substring(Template.ARTIFACT_PREFIX.length()) + ">";
        }
        if (Template.BUILT_INS.contains(name)) {
            return "<" + name + ">";
        }
        return details.parameter(name).map(DisplayValues::shown).orElse("<" + name + ">");
    }

    private static String shown(ParameterView p) {
        if (p.type() == ParameterType.SECRET) {
            return p.secretSet() ? SecretRedactor.MASK : "<" + p.id() + " not set>";
        }
        return p.display().isEmpty() ? "<" + p.id() + ">" : p.display();
    }

}
