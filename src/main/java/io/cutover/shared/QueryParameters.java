package io.cutover.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A connection URL's {@code ?key=value&...} part: the password taken out (it is sealed
 * like any other), {@code sslmode} checked against the values libpq knows, the rest kept
 * as written.
 */
record QueryParameters(List<String> kept, Optional<String> password) {

    static QueryParameters read(String query) {
        List<String> kept = new ArrayList<>();
        Optional<String> password = Optional.empty();
        for (String param : query.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String key = ConnectionUrl.decode(eq < 0 ? param : param.substring(0, eq)).toLowerCase();
            String value = eq < 0 ? "" : ConnectionUrl.decode(param.substring(eq + 1));
            if (key.equals("password")) {
                password = Optional.of(value);
            }
            else {
                if (key.equals("sslmode") && !ConnectionStringForms.SSL_MODES.contains(value)) {
                    throw new InvalidInputException("sslmode must be one of "
                            + String.join(", ", ConnectionStringForms.SSL_MODES)
                            + (value.length() <= 20 && value.matches("[A-Za-z-]*") ? ", not '" + value + "'" : ""));
                }
                kept.add(param);
            }
        }
        return new QueryParameters(List.copyOf(kept), password);
    }

    String withoutPassword() {
        return String.join("&", kept);
    }
}
