package io.cutover.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A token the emulated Fly API has issued (kept in {@code state.json}, as Fly's server
 * keeps its own): an org token reaches every app and cluster of its org, a deploy token
 * one app only (flyctl's {@code tokens create org|deploy}, contract 2.19; the exact
 * permissions are server-side, so the emulator takes the narrow reading: a deploy token
 * reaches nothing outside its app).
 */
final class FlyToken {

    static final String ORG = "org";
    static final String DEPLOY = "deploy";

    private static final List<String> MACAROON_PREFIXES = List.of("fm1r", "fm1a", "fm2");

    public String kind;

    public String org;

    /** The one app of a deploy token. */
    public String app;

    /**
     * The parts of a token value: schemes stripped, comma-separated lists split (fly-go
     * tokens.go).
     */
    static List<String> parts(String value) {
        return Arrays.stream(value.split(","))
            .map(String::trim)
            .map(p -> p.replaceFirst("^(FlyV1|Bearer)\\s+", "").trim())
            .filter(p -> !p.isEmpty())
            .toList();
    }

    /**
     * flyctl's purely syntactic test: the text before the first underscore names a
     * macaroon.
     */
    static boolean macaroon(String part) {
        int underscore = part.indexOf('_');
        return underscore > 0 && MACAROON_PREFIXES.contains(part.substring(0, underscore));
    }

    static Optional<FlyToken> lookup(Map<String, FlyToken> issued, String value) {
        return parts(value).stream().map(issued::get).filter(t -> t != null).findFirst();
    }

    boolean reachesApp(FlyApp target) {
        return kind.equals(ORG) ? org.equals(target.org) : target.name.equals(app);
    }

    boolean reachesOrg(String slug) {
        return kind.equals(ORG) && org.equals(slug);
    }

}
