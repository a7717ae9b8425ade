package io.cutover.migration;

import io.cutover.runbook.Parameter;
import io.cutover.runbook.ParameterType;
import io.cutover.runbook.Runbook;
import io.cutover.secrets.SecretCipher;
import io.cutover.shared.ConnectionUrl;
import io.cutover.shared.CutoverException;
import io.cutover.shared.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns typed parameter values into stored ones: validated by type, secrets sealed. A
 * blank secret keeps the one already stored, because secret fields are write-only and
 * come back empty.
 */
@Component
class ParameterBinder {

    private static final int MAX_TEXT = 500;

    private static final int MAX_SECRET_BYTES = 4000;

    private final SecretCipher cipher;

    ParameterBinder(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * @param existing current values by name (empty map for a new migration)
     * @param creating whether this is the migration's creation (defaults apply, required
     * checked)
     * @return the values to store, by name; throws with a message per field on bad input
     */
    Map<String, MigrationParam> bind(Runbook runbook, Map<String, String> input, Map<String, MigrationParam> existing,
            boolean creating) {
        Map<String, String> errors = new LinkedHashMap<>();
        input.keySet()
            .stream()
            .filter(key -> runbook.parameter(key).isEmpty())
            .forEach(key -> errors.put(key, "Unknown parameter '" + key + "' for runbook " + runbook.id()));
        Map<String, MigrationParam> bound = new HashMap<>(existing);
        for (Parameter parameter : runbook.parameters()) {
            String typed = Optional.ofNullable(input.get(parameter.id())).map(String::strip).orElse("");
            if (typed.isEmpty() && creating && parameter.type() != ParameterType.SECRET) {
                typed = parameter.defaultValue();
            }
            if (typed.isEmpty() && !input.containsKey(parameter.id()) && !creating) {
                continue;
            }
            try {
                bindOne(parameter, typed, existing.get(parameter.id()))
                    .ifPresentOrElse(value -> bound.put(parameter.id(), value), () -> {
                        if (!parameter.holdsSecret()) {
                            bound.remove(parameter.id());
                        }
                    });
            }
            catch (CutoverException e) {
                errors.put(parameter.id(), e.getMessage());
            }
            boolean missing = !bound.containsKey(parameter.id()) || isBlank(bound.get(parameter.id()));
            if (parameter.required() && !parameter.captured() && missing && !errors.containsKey(parameter.id())) {
                errors.put(parameter.id(), parameter.label() + " is required");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Some parameters are not valid: " + String.join("; ", errors.values()),
                    errors);
        }
        return bound;
    }

    private Optional<MigrationParam> bindOne(Parameter parameter, String typed, MigrationParam current) {
        if (typed.isEmpty()) {
            // Secrets are write-only: an empty field means "keep what is stored".
            return parameter.holdsSecret() ? Optional.ofNullable(current) : Optional.empty();
        }
        if (parameter.holdsSecret()
                && typed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
            // Sealed, a longer value would not fit its column.
            throw new InvalidInputException(parameter.label() + " is longer than " + MAX_SECRET_BYTES + " bytes");
        }
        String id = parameter.id();
        return Optional.of(switch (parameter.type()) {
            case TEXT -> new MigrationParam(id, text(parameter, typed), null);
            case NUMBER -> new MigrationParam(id, number(parameter, typed), null);
            case URL -> new MigrationParam(id, url(parameter, typed), null);
            case SECRET -> new MigrationParam(id, null, cipher.encrypt(typed));
            case CONNECTION -> connection(parameter, typed, current);
        });
    }

    private MigrationParam connection(Parameter parameter, String typed, MigrationParam current) {
        ConnectionUrl.Parsed parsed;
        try {
            parsed = ConnectionUrl.parse(typed);
        }
        catch (InvalidInputException e) {
            throw new InvalidInputException(parameter.label() + ": " + e.getMessage());
        }
        String id = parameter.id();
        String shown = parsed.url().withoutPassword();
        String sealed = parsed.password()
            .map(cipher::encrypt)
            // Same address typed back without its password: keep the stored one.
            .orElse(current != null && shown.equals(current.plainValue()) ? current.sealedValue() : null);
        return new MigrationParam(id, shown, sealed);
    }

    private static String text(Parameter parameter, String typed) {
        if (typed.length() > MAX_TEXT) {
            throw new InvalidInputException(parameter.label() + " is longer than " + MAX_TEXT + " characters");
        }
        if (!parameter.choices().isEmpty() && !parameter.choices().contains(typed.toLowerCase())) {
            throw new InvalidInputException(
                    parameter.label() + " must be one of " + String.join(", ", parameter.choices()));
        }
        return parameter.choices().isEmpty() ? typed : typed.toLowerCase();
    }

    private static String number(Parameter parameter, String typed) {
        long value;
        try {
            value = Long.parseLong(typed);
        }
        catch (NumberFormatException e) {
            throw new InvalidInputException(parameter.label() + " must be a whole number, not '" + typed + "'");
        }
        if (parameter.min() != null && value < parameter.min() || parameter.max() != null && value > parameter.max()) {
            throw new InvalidInputException(
                    parameter.label() + " must be between " + parameter.min() + " and " + parameter.max());
        }
        return Long.toString(value);
    }

    private static String url(Parameter parameter, String typed) {
        try {
            URI uri = new URI(typed);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidInputException(
                        parameter.label() + " must be an http:// or https:// address with a host");
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidInputException(parameter.label() + " must not carry credentials");
            }
            return typed;
        }
        catch (URISyntaxException e) {
            throw new InvalidInputException(parameter.label() + " is not a valid address: " + e.getReason());
        }
    }

    private static boolean isBlank(MigrationParam p) {
        return (p.plainValue() == null || p.plainValue().isEmpty()) && !p.hasSealedPart();
    }

    /** Stored values with secrets decrypted, for a run. */
    ExecutionValues reveal(Runbook runbook, java.util.Set<MigrationParam> stored) {
        Map<String, String> plain = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        Map<String, ExecutionValues.Connection> connections = new HashMap<>();
        for (MigrationParam p : stored) {
            ParameterType type = runbook.parameter(p.name()).map(Parameter::type).orElse(ParameterType.TEXT);
            Optional<String> sealed = p.hasSealedPart() ? Optional.of(cipher.decrypt(p.sealedValue()))
                    : Optional.empty();
            switch (type) {
                case SECRET -> sealed.ifPresent(v -> secrets.put(p.name(), v));
                case CONNECTION -> {
                    if (p.plainValue() != null && !p.plainValue().isEmpty()) {
                        // Parsed again so that nothing stored before passwords were
                        // separated in every form reaches argv.
                        ConnectionUrl.Parsed parsed = ConnectionUrl.parse(p.plainValue());
                        plain.put(p.name(), parsed.url().withoutPassword());
                        connections.put(p.name(),
                                new ExecutionValues.Connection(parsed.url(), sealed.or(parsed::password)));
                    }
                }
                default -> {
                    if (p.plainValue() != null) {
                        plain.put(p.name(), p.plainValue());
                    }
                }
            }
        }
        return new ExecutionValues(plain, secrets, connections);
    }

    /**
     * A stored connection whose plain part still carries a password (stored before every
     * form was separated, such as {@code ?password=}), separated and sealed now; empty
     * when there is none.
     */
    Optional<MigrationParam> resealed(MigrationParam stored) {
        if (stored.plainValue() == null || stored.plainValue().isEmpty()) {
            return Optional.empty();
        }
        ConnectionUrl.Parsed parsed;
        try {
            parsed = ConnectionUrl.parse(stored.plainValue());
        }
        catch (InvalidInputException unreadable) {
            return Optional.empty();
        }
        if (parsed.password().isEmpty() && parsed.url().withoutPassword().equals(stored.plainValue())) {
            return Optional.empty();
        }
        String sealed = parsed.password().map(cipher::encrypt).orElse(stored.sealedValue());
        return Optional.of(new MigrationParam(stored.name(), parsed.url().withoutPassword(), sealed));
    }

    /**
     * The value as it may be shown: secrets never, connections without their password.
     */
    static ParameterView view(Parameter parameter, MigrationParam stored) {
        String display = stored == null || stored.plainValue() == null ? "" : stored.plainValue();
        boolean secretSet = stored != null && stored.hasSealedPart();
        return new ParameterView(parameter.id(), parameter.label(), parameter.type(),
                parameter.type() == ParameterType.SECRET ? "" : display, secretSet, parameter.captured(),
                parameter.help());
    }

}
