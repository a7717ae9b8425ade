package io.cutover.runbook;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * The runbooks this panel can carry out, loaded and validated when the application starts
 * so that a broken runbook stops start-up instead of a migration half-way through.
 */
@Service
public class Runbooks {

    private final Map<String, Runbook> byId = new LinkedHashMap<>();

    Runbooks(RunbookProperties properties, ResourcePatternResolver resolver) throws IOException {
        RunbookLoader loader = new RunbookLoader();
        for (String location : properties.locations()) {
            for (Resource resource : resolver.getResources(location)) {
                Runbook runbook = loader.load(nameOf(resource), resource.getInputStream());
                Runbook earlier = byId.putIfAbsent(runbook.id(), runbook);
                if (earlier != null) {
                    throw new RunbookInvalidException(runbook.source(), java.util.List
                        .of("runbook id '" + runbook.id() + "' is already used by " + earlier.source()));
                }
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException("No runbook found at " + properties.locations());
        }
    }

    public Collection<Runbook> all() {
        return byId.values();
    }

    public Optional<Runbook> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The runbook of an existing migration; its absence means the deployment lost a
     * runbook file.
     */
    public Runbook get(String id) {
        return find(id)
            .orElseThrow(() -> new IllegalStateException("Runbook '" + id + "' is not installed in this panel"));
    }

    /**
     * The resource's path inside the classpath root or jar (e.g.
     * runbooks/flex-to-mpg.yaml).
     */
    private static String nameOf(Resource resource) {
        try {
            String uri = resource.getURI().toString();
            int root = Math.max(uri.lastIndexOf("!/") + 2, uri.lastIndexOf("classes/") + "classes/".length());
            return root > "classes/".length() ? uri.substring(root) : uri;
        }
        catch (IOException e) {
            return resource.getDescription();
        }
    }

}
