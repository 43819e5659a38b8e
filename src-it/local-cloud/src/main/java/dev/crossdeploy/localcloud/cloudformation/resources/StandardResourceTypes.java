package dev.crossdeploy.localcloud.cloudformation.resources;

import java.util.List;

/** The list of built-in resource handlers. PLACEHOLDER — filled by the resource-types work. */
final class StandardResourceTypes {
    private StandardResourceTypes() {}

    static List<ResourceHandler> all() {
        return List.of();
    }
}
