package dev.crossdeploy.localcloud.cloudformation.engine;

import java.util.List;

/** One entry of a change set's Changes: what executing it will do to one resource. */
public record ResourceChange(String action, String logicalId, String physicalId, String resourceType,
                             String replacement, List<String> scope, List<Detail> details, String policyAction) {

    /** A ResourceChangeDetail: which attribute changes and why. */
    public record Detail(String attribute, String name, String requiresRecreation, String evaluation,
                         String changeSource, String causingEntity) {}
}
