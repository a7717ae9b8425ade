package io.cutover.migration;

import io.cutover.shared.ConnectionUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A migration's parameter values as a run needs them, secrets decrypted. Never shown,
 * logged or stored: it lives for the duration of one run.
 *
 * @param plain non-secret values by parameter id (connections without their password)
 * @param secrets decrypted secret parameters by id
 * @param connections connection parameters by id, with their password if one is stored
 */
public record ExecutionValues(Map<String, String> plain, Map<String, String> secrets,
        Map<String, Connection> connections) {

    public ExecutionValues {
        plain = Map.copyOf(plain);
        secrets = Map.copyOf(secrets);
        connections = Map.copyOf(connections);
    }

    /** Every value that must be masked wherever output is shown. */
    public List<String> secretValues() {
        List<String> values = new ArrayList<>(secrets.values());
        connections.values().forEach(c -> c.password().ifPresent(values::add));
        return values;
    }

    public Optional<Connection> connection(String parameterId) {
        return Optional.ofNullable(connections.get(parameterId));
    }

    /** A connection URL and its password. */
    public record Connection(ConnectionUrl url, Optional<String> password) {

        /** The URL with its password, for stdin and the environment only. */
        public String full() {
            return password.map(url::withPassword).orElse(url.withoutPassword());
        }

        @Override
        public String toString() {
            return url.withoutPassword();
        }
    }
}
