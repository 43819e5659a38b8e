package dev.crossdeploy.localcloud.cloudformation.resources;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The resource types the local CloudFormation knows, by type name. */
public final class ResourceRegistry {
    private final Map<String, ResourceHandler> handlers = new TreeMap<>();

    public ResourceRegistry(Collection<? extends ResourceHandler> handlers) {
        handlers.forEach(h -> this.handlers.put(h.type(), h));
    }

    /** Every type this cloud provisions. */
    public static ResourceRegistry standard() {
        return new ResourceRegistry(StandardResourceTypes.all());
    }

    public Optional<ResourceHandler> handler(String type) { return Optional.ofNullable(handlers.get(type)); }

    public Set<String> types() { return handlers.keySet(); }
}
