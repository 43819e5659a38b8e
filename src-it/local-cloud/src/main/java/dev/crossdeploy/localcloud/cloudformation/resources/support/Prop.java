package dev.crossdeploy.localcloud.cloudformation.resources.support;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler.RequiresRecreation;

/**
 * One property of a resource type's schema: its kind, whether it is required, and what
 * changing it on a stack update does ("Update requires" in the CloudFormation reference).
 */
public record Prop(String name, Kind kind, boolean required, RequiresRecreation onUpdate) {

    public static Prop required(String name, Kind kind) {
        return new Prop(name, kind, true, RequiresRecreation.NEVER);
    }

    public static Prop optional(String name, Kind kind) {
        return new Prop(name, kind, false, RequiresRecreation.NEVER);
    }

    /** "Update requires: Replacement". */
    public Prop replaces() { return new Prop(name, kind, required, RequiresRecreation.ALWAYS); }

    /** "Update requires: Replacement" only in some cases. */
    public Prop replacesConditionally() { return new Prop(name, kind, required, RequiresRecreation.CONDITIONALLY); }
}
